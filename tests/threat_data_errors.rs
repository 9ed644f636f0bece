//! The threat-item and concealment files refuse bad figures with the file, line and field:
//! an unknown material, a part denser than its solid material, a mixture that overfills its
//! shape, an unknown class, an item no site can hold.

use porttwin::detect::physics::concealment::ConcealmentCatalogue;
use porttwin::detect::physics::threats::ThreatCatalogue;

const ITEMS: &str = r#"Threats(items: [
    (
        name: "bricks",
        class: "drugs",
        what: "two bricks",
        parts: [
            (what: "brick", material: "cocaine", shape: Box(size_mm: (220.0, 120.0, 40.0)),
             at_mm: (0.0, 0.0, 0.0), mass_kg: Some(1.1), grid: Some((2, 1, 1))),
        ],
        source: "test",
    ),
])"#;

fn items_error(from: &str, to: &str) -> String {
    let text = ITEMS.replace(from, to);
    assert_ne!(text, ITEMS, "the replacement must change the text");
    ThreatCatalogue::parse("bad_threats.ron", &text).unwrap_err().to_string()
}

#[test]
fn a_valid_file_loads() {
    let c = ThreatCatalogue::parse("t.ron", ITEMS).unwrap();
    assert_eq!(c.items().len(), 1);
    assert!((c.items()[0].mass_kg() - 2.2).abs() < 1e-12);
    assert_eq!(c.items()[0].size_mm(), [440.0, 120.0, 40.0]);
}

#[test]
fn an_unknown_material_is_named_with_its_line() {
    let err = items_error("\"cocaine\"", "\"snow\"");
    assert_eq!(
        err,
        "bad_threats.ron:7: `items[0].parts[0].material`: unknown material `snow` (see data/xcom/materials.ron)"
    );
}

#[test]
fn a_part_denser_than_its_solid_material_is_refused() {
    // 2 kg in 1.056 litres is 1.89 g/cm3; solid cocaine hydrochloride is 1.3.
    let err = items_error("Some(1.1)", "Some(2.0)");
    assert!(err.starts_with("bad_threats.ron:8: `items[0].parts[0].mass_kg`: "), "{err}");
    assert!(err.contains("1.89 g/cm3, denser than solid cocaine (1.3 g/cm3"), "{err}");
}

#[test]
fn a_mixture_that_overfills_its_shape_is_refused() {
    let two = ITEMS.replace(
        "        ],\n        source",
        "            (what: \"filler\", material: \"cocaine\", shape: Box(size_mm: (220.0, 120.0, 40.0)),\n             at_mm: (0.0, 0.0, 0.0), mass_kg: Some(0.4)),\n        ],\n        source",
    );
    let err = ThreatCatalogue::parse("bad_threats.ron", &two).unwrap_err().to_string();
    assert!(
        err.starts_with("bad_threats.ron:6: `items[0].parts`: brick, filler share one shape"),
        "{err}"
    );
    assert!(err.contains("would fill 109 %"), "{err}");
}

#[test]
fn bad_masses_sizes_grids_and_classes_are_located() {
    let err = items_error("Some(1.1)", "Some(-1.0)");
    assert!(
        err.starts_with("bad_threats.ron:8: `items[0].parts[0].mass_kg`: a mass must be positive"),
        "{err}"
    );
    let err = items_error("(220.0, 120.0, 40.0)", "(220.0, 0.0, 40.0)");
    assert!(
        err.starts_with("bad_threats.ron:7: `items[0].parts[0].shape`: sizes must be positive"),
        "{err}"
    );
    let err = items_error("Some((2, 1, 1))", "Some((2, 0, 1))");
    assert!(
        err.starts_with("bad_threats.ron:8: `items[0].parts[0].grid`: each count must be at least 1"),
        "{err}"
    );
    let err = items_error("(0.0, 0.0, 0.0)", "(0.0, -5.0, 0.0)");
    assert!(err.starts_with("bad_threats.ron:8: `items[0].parts[0].at_mm`:"), "{err}");
    let err = items_error("\"drugs\"", "\"narcotics\"");
    assert_eq!(err, "bad_threats.ron:4: `items[0].class`: unknown threat class `narcotics`");
    let err = items_error("source: \"test\"", "source: \" \"");
    assert!(
        err.starts_with("bad_threats.ron:10: `items[0].source`: say where the figures come from"),
        "{err}"
    );
}

#[test]
fn a_second_item_of_the_same_name_is_refused() {
    let twice = ITEMS.replace("])", "").replace("Threats(items: [", "");
    let text = format!("Threats(items: [{twice}{twice}])");
    let err = ThreatCatalogue::parse("bad_threats.ron", &text).unwrap_err().to_string();
    assert!(err.contains("`items[1].name`: a second item named `bricks`"), "{err}");
}

#[test]
fn a_syntax_or_unknown_field_error_names_its_line_and_field() {
    let err = items_error("mass_kg: Some(1.1)", "weight_kg: Some(1.1)");
    assert!(err.starts_with("bad_threats.ron:8: `items[0].parts[0]"), "{err}");
    assert!(err.contains("weight_kg"), "{err}");
    let err = items_error("(220.0, 120.0, 40.0)", "(220.0, \"wide\", 40.0)");
    assert!(err.starts_with("bad_threats.ron:7: `items[0].parts[0].shape"), "{err}");
}

const SITES: &str = r#"Concealment(sites: [
    (
        name: "among_goods",
        place: AmongGoods,
        what: "with the goods",
        space_mm: None,
        weights: {"weapons": 1.0, "drugs": 1.0, "wildlife": 1.0, "live_animals": 1.0},
        source: "assumption",
    ),
    (
        name: "floor",
        place: Floor,
        what: "under the floor",
        space_mm: Some((280.0, 2300.0, 110.0)),
        weights: {"drugs": 2.0},
        source: "assumption",
    ),
])"#;

fn sites_error(from: &str, to: &str) -> String {
    let text = SITES.replace(from, to);
    assert_ne!(text, SITES, "the replacement must change the text");
    ConcealmentCatalogue::parse("bad_sites.ron", &text, ThreatCatalogue::standard())
        .unwrap_err()
        .to_string()
}

#[test]
fn a_valid_concealment_file_loads_against_the_shipped_items() {
    let c = ConcealmentCatalogue::parse("s.ron", SITES, ThreatCatalogue::standard()).unwrap();
    assert_eq!(c.sites().len(), 2);
}

#[test]
fn concealment_errors_name_the_line_and_field() {
    let err = sites_error("{\"drugs\": 2.0}", "{\"guns\": 2.0}");
    assert!(
        err.starts_with("bad_sites.ron:15: `sites[1].weights.guns`: unknown threat class `guns`"),
        "{err}"
    );
    let err = sites_error("{\"drugs\": 2.0}", "{\"drugs\": -2.0}");
    assert!(
        err.starts_with("bad_sites.ron:15: `sites[1].weights.drugs`: a weight must be zero or positive"),
        "{err}"
    );
    let err = sites_error("place: Floor", "place: Basement");
    assert!(err.starts_with("bad_sites.ron:12: `sites[1].place`"), "{err}");
    let err = sites_error("(280.0, 2300.0, 110.0)", "(280.0, 0.0, 110.0)");
    assert!(
        err.starts_with("bad_sites.ron:14: `sites[1].space_mm`: sizes must be positive"),
        "{err}"
    );
    let err = sites_error("name: \"floor\"", "name: \"among_goods\"");
    assert!(
        err.starts_with("bad_sites.ron:11: `sites[1].name`: a second site named `among_goods`"),
        "{err}"
    );
}

#[test]
fn a_class_with_nowhere_to_hide_is_refused() {
    let err = sites_error("\"wildlife\": 1.0, ", "");
    assert_eq!(err, "bad_sites.ron:1: `sites`: no site has a positive weight for `wildlife`");
    // With weapons only under the floor, the ammunition can (155 mm) fits nowhere.
    let text = SITES
        .replace("{\"weapons\": 1.0, ", "{")
        .replace("{\"drugs\": 2.0}", "{\"drugs\": 2.0, \"weapons\": 1.0}");
    let err = ConcealmentCatalogue::parse("bad_sites.ron", &text, ThreatCatalogue::standard())
        .unwrap_err()
        .to_string();
    assert!(err.contains("no site with a weight for `weapons` holds the item"), "{err}");
}
