//! A small HTML page builder: headings, paragraphs, tables and figures, with escaping.

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:960px;margin:24px auto;color:#222;padding:0 12px}\
h1{font-size:26px;margin-bottom:4px}h2{font-size:20px;margin-top:32px;border-bottom:1px solid #ddd}\
.meta{color:#666;font-size:13px}.summary{background:#f3f7fb;border-left:4px solid #1f77b4;padding:8px 16px;font-size:16px}\
table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}\
th:first-child,td:first-child{text-align:left}th,td{overflow-wrap:anywhere}.table{overflow-x:auto}th{background:#f5f5f5}.yes{color:#2ca02c;font-weight:bold}\
figure{margin:12px 0}figcaption{font-size:12px;color:#666}img{max-width:100%;border:1px solid #eee}";

/// An HTML page being built.
pub struct Page {
    body: String,
}

impl Page {
    /// A page with a title (also the first heading) and a grey line under it.
    pub fn new(title: &str, meta: &str) -> Page {
        Page {
            body: format!("<h1>{}</h1>\n<p class=\"meta\">{}</p>\n", escape(title), escape(meta)),
        }
    }

    /// The highlighted summary box, one paragraph per line.
    pub fn summary(&mut self, lines: &[String]) {
        self.body.push_str("<div class=\"summary\">\n");
        for line in lines {
            self.body.push_str(&format!("<p>{}</p>\n", escape(line)));
        }
        self.body.push_str("</div>\n");
    }

    /// A section heading.
    pub fn heading(&mut self, text: &str) {
        self.body.push_str(&format!("<h2>{}</h2>\n", escape(text)));
    }

    /// A paragraph.
    pub fn paragraph(&mut self, text: &str) {
        self.body.push_str(&format!("<p>{}</p>\n", escape(text)));
    }

    /// A table; cells are escaped.
    pub fn table(&mut self, headers: &[&str], rows: &[Vec<String>]) {
        self.body.push_str("<div class=\"table\"><table>\n<tr>");
        for h in headers {
            self.body.push_str(&format!("<th>{}</th>", escape(h)));
        }
        self.body.push_str("</tr>\n");
        for row in rows {
            self.body.push_str("<tr>");
            for cell in row {
                let class = if cell == "yes" { " class=\"yes\"" } else { "" };
                self.body.push_str(&format!("<td{class}>{}</td>", escape(cell)));
            }
            self.body.push_str("</tr>\n");
        }
        self.body.push_str("</table></div>\n");
    }

    /// A chart saved as `<stem>.svg` and `<stem>.png`.
    pub fn figure(&mut self, stem: &str, caption: &str) {
        self.body.push_str(&format!(
            "<figure><img src=\"{stem}.svg\" alt=\"{alt}\"><figcaption>{alt} (<a href=\"{stem}.png\">PNG</a>)</figcaption></figure>\n",
            alt = escape(caption)
        ));
    }

    /// The whole document.
    pub fn finish(self, title: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head>\n<body>\n{}</body></html>\n",
            escape(title),
            self.body
        )
    }
}

/// Seconds for people: `35 s`, `4.2 min`, `1.5 h`.
pub fn duration(s: f64) -> String {
    if !s.is_finite() {
        "–".into()
    } else if s.abs() < 90.0 {
        format!("{s:.0} s")
    } else if s.abs() < 5400.0 {
        format!("{:.1} min", s / 60.0)
    } else {
        format!("{:.1} h", s / 3600.0)
    }
}

/// A number with 3 significant digits or so.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        "–".into()
    } else if x.abs() >= 1000.0 || x == x.round() {
        format!("{x:.0}")
    } else if x.abs() >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.3}")
    }
}
