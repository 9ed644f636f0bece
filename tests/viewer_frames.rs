//! Frame capture without a screen: `porttwin view --frames` renders a shipped scenario (under
//! `xvfb-run` when there is no display) and writes PNG files that show the layout: the hall's
//! floor fills the middle of the picture, the background shows the clear colour, the panel
//! is drawn, and frames at different times differ.
#![cfg(feature = "viewer")]

use std::path::Path;
use std::process::Command;

use porttwin::viewer::palette;

/// RGB pixels of a PNG file.
fn pixels(path: &Path) -> (usize, usize, Vec<[u8; 3]>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert!(channels >= 3 && info.bit_depth == png::BitDepth::Eight, "{info:?}");
    let rgb = buf[..info.buffer_size()].chunks(channels).map(|p| [p[0], p[1], p[2]]).collect();
    (info.width as usize, info.height as usize, rgb)
}

/// Share of pixels in the box (fractions of width and height) that satisfy `test`.
fn share(image: &(usize, usize, Vec<[u8; 3]>), x: (f64, f64), y: (f64, f64), test: impl Fn([u8; 3]) -> bool) -> f64 {
    let (w, h, px) = image;
    let (x0, x1) = ((x.0 * *w as f64) as usize, (x.1 * *w as f64) as usize);
    let (y0, y1) = ((y.0 * *h as f64) as usize, (y.1 * *h as f64) as usize);
    let mut hits = 0;
    for row in y0..y1 {
        for col in x0..x1 {
            hits += test(px[row * w + col]) as usize;
        }
    }
    hits as f64 / ((x1 - x0) * (y1 - y0)) as f64
}

#[test]
fn captured_frames_show_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    let args: Vec<String> = [
        "view",
        "scenarios/bench/w2_hall_exit.ron",
        "--frames",
        dir.path().to_str().unwrap(),
        "--from",
        "00:00:05",
        "--to",
        "00:00:25",
        "--fps",
        "0.05",
        "--size",
        "640x360",
    ]
    .map(String::from)
    .to_vec();
    let mut command = if std::env::var_os("DISPLAY").is_some() {
        Command::new(env!("CARGO_BIN_EXE_porttwin"))
    } else {
        let mut xvfb = Command::new("xvfb-run");
        xvfb.args(["-a", "-s", "-screen 0 1280x720x24", env!("CARGO_BIN_EXE_porttwin")]);
        xvfb
    };
    let output = command
        .args(&args)
        .output()
        .expect("runs porttwin (without a display, needs xvfb-run: apt-get install xvfb mesa-vulkan-drivers libvulkan1)");
    assert!(
        output.status.success(),
        "porttwin view failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let first = pixels(&dir.path().join("frame_00000.png"));
    let second = pixels(&dir.path().join("frame_00001.png"));
    assert!(
        !dir.path().join("frame_00002.png").exists(),
        "20 s at one frame per 20 s is two frames"
    );
    assert_eq!((first.0, first.1), (640, 360));

    let clear = palette::CLEAR.to_srgba();
    let clear = [clear.red, clear.green, clear.blue].map(|c| (c * 255.0).round() as i32);
    let is_clear = |p: [u8; 3]| (0..3).map(|i| (p[i] as i32 - clear[i]).abs()).sum::<i32>() <= 9;
    let light_floor = |p: [u8; 3]| p.iter().all(|&c| c > 110) && p.iter().max().unwrap() - p.iter().min().unwrap() < 40;
    // The hall is in the middle of the view; the background around it is the clear colour.
    let middle = share(&first, (0.4, 0.6), (0.35, 0.65), |p| !is_clear(p));
    let corner = share(&first, (0.9, 1.0), (0.0, 0.1), is_clear);
    let floor = share(&first, (0.4, 0.6), (0.35, 0.65), light_floor);
    let panel = share(&first, (0.0, 0.25), (0.0, 0.15), |p| !is_clear(p));
    assert!(
        middle > 0.95,
        "the middle is not all layout: {middle:.3} of it differs from the clear colour"
    );
    assert!(corner > 0.9, "the corner is not background: {corner:.3} clear");
    assert!(floor > 0.3, "the floor's light grey covers only {floor:.3} of the middle");
    assert!(panel > 0.05, "the panel's text is missing: {panel:.3}");
    let changed = first.2.iter().zip(&second.2).filter(|(a, b)| a != b).count();
    assert!(
        changed > 500,
        "the travellers moved between the frames, but only {changed} pixels changed"
    );
}
