//! Render time of physics scans at real resolution on one core: a loaded 20 ft container
//! (dual-energy 6/3.5 MV, 5 mm pixels) and its material channel. Also writes the analyst-colour
//! image to `docs/images/physics_container.png` when `PORTTWIN_WRITE_IMAGES=1`.

use std::time::Instant;

use porttwin::detect::classes::{GoodsCategory, ThreatClass, ThreatSet};
use porttwin::detect::manifest::{InputChannel, InputEncoding, InputSpec, Tiling};
use porttwin::detect::physics::container::{Container, ContainerSpec, DECK_MM};
use porttwin::detect::physics::display::analyst_png;
use porttwin::detect::physics::material::Material;
use porttwin::detect::physics::model_scan::ModelScanner;
use porttwin::detect::physics::packing::{Consignment, pack};
use porttwin::detect::physics::portal::Scene;
use porttwin::detect::physics::scanner::LinacPortal;
use porttwin::detect::physics::shape::{Axis, Part, Shape, Solid};
use porttwin::sim::rng::stream;

fn main() {
    let t = Instant::now();
    let scanner = LinacPortal::default().scanner().expect("default portal");
    println!("scanner build: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let container = Container {
        spec: ContainerSpec::TWENTY_FOOT,
        x_mm: 0.0,
        z_mm: DECK_MM,
    };
    let load = pack(
        &Consignment::typical(GoodsCategory::Foodstuffs, 12_000.0),
        &container.hold(),
        &mut stream(1, "bench/pack"),
    )
    .expect("load");
    let mut solids = container.solids();
    solids.extend(load.solids);
    // A rifle-sized steel object and 20 kg of drug bricks among the goods.
    let hold = container.hold();
    solids.push(Solid::with_mass(
        Shape::cuboid([hold.min[0] + 2500.0, -100.0, hold.min[2] + 1200.0], [880.0, 60.0, 200.0]),
        Material::Steel,
        3.5,
        Part::Goods,
    ));
    solids.push(Solid::with_mass(
        Shape::cuboid([hold.min[0] + 4000.0, 300.0, hold.min[2]], [500.0, 280.0, 150.0]),
        Material::Cocaine,
        20.0,
        Part::Goods,
    ));
    let view = scanner.view(Axis::Y, (-50.0, 6108.0), (DECK_MM - 50.0, DECK_MM + 2641.0));
    println!("container view: {} x {} pixels, {} solids", view.width, view.height, solids.len());
    let runs = 20;
    let mut rng = stream(1, "bench/noise");
    let t = Instant::now();
    let mut image = scanner.scan(&solids, &view, &mut rng);
    for _ in 1..runs {
        image = scanner.scan(&solids, &view, &mut rng);
    }
    let scan_ms = t.elapsed().as_secs_f64() * 1e3 / runs as f64;
    let t = Instant::now();
    let classes = scanner.materials(&image);
    let class_ms = t.elapsed().as_secs_f64() * 1e3;
    println!("dual-energy container scan: {scan_ms:.1} ms; material channel: {class_ms:.1} ms");
    if std::env::var("PORTTWIN_WRITE_IMAGES").is_ok_and(|v| v == "1") {
        let png = analyst_png(&image, &classes).expect("png");
        std::fs::write("docs/images/physics_container.png", png).expect("write image");
        println!("wrote docs/images/physics_container.png");
    }
    portal_in_the_loop();
}

/// What a physics scan costs per truck in the loop (`image: Physics`): the scene from the
/// truth (packing, concealment), then the scan at a model's input spec, for the synthetic
/// model's spec and for the physics model's.
fn portal_in_the_loop() {
    let spec = |pixel_mm, channels: &[InputChannel], max| InputSpec {
        pixel_mm,
        channels: channels.to_vec(),
        encoding: InputEncoding::Attenuation8 { max },
        tiling: Tiling::Whole,
    };
    let cases = [
        ("xray_container", spec((23.8, 45.2), &[InputChannel::High], 5.0), 256, 64),
        (
            "xray_container_physics",
            spec((16.0, 32.0), &[InputChannel::High, InputChannel::Low], 10.0),
            384,
            88,
        ),
    ];
    let goods = [
        GoodsCategory::Foodstuffs,
        GoodsCategory::Machinery,
        GoodsCategory::Textiles,
        GoodsCategory::Chemicals,
    ];
    for (name, spec, width, height) in cases {
        let scanner = ModelScanner::new(&spec, width, height).expect("binned portal");
        let runs = 200;
        let mut rng = stream(2, "bench/portal");
        let (mut build_s, mut scan_s) = (0.0, 0.0);
        for i in 0..runs {
            let mut contraband = ThreatSet::NONE;
            if i % 3 == 0 {
                contraband.insert(ThreatClass::CONTAINER[i % 4]);
            }
            let t = Instant::now();
            let scene = Scene::build(goods[i % 4], 12_000.0, 25.0, contraband, &mut rng).expect("scene");
            build_s += t.elapsed().as_secs_f64();
            let t = Instant::now();
            std::hint::black_box(scanner.scan(scene, &mut rng));
            scan_s += t.elapsed().as_secs_f64();
        }
        let per = |s: f64| s * 1e3 / runs as f64;
        println!(
            "in the loop, per truck ({name}): scene {:.2} ms, {width} x {height} x {} physics scan at {} x {} mm {:.2} ms; 6,000 trucks (W3): {:.0} s",
            per(build_s),
            spec.channels.len(),
            spec.pixel_mm.0,
            spec.pixel_mm.1,
            per(scan_s),
            6000.0 * (build_s + scan_s) / runs as f64
        );
    }
}
