//! One test per kind of mistake in a micro-fidelity layout (and in the WKT and GeoJSON files
//! it imports): each gets a clear error naming the file, line and field path; nothing panics;
//! the command exits with code 2.

mod common;

use std::process::Command;

use porttwin::scenario::parse;

const BASE: &str = r#"// A small valid micro scenario; each case below breaks one thing.
Scenario(
    meta: (name: "micro_base", duration_h: 1.0, fidelity: Micro),
    demand: [
        (name: "door", entry: "desk", arrivals: Hourly(daily_total: 240, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])),
        (name: "road", entry: "gate", arrivals: Hourly(daily_total: 48, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])),
    ],
    facilities: {
        "desks": (servers: 2, service: Constant(s: 30)),
        "booths": (servers: 1, service: Constant(s: 60)),
    },
    routing: {
        "desk": (pool: "desks", next: To("exit")),
        "gate": (pool: "booths", next: To("exit")),
    },
    layout: (
        walkable: [[(0, 0), (40, 0), (40, 20), (0, 20)]],
        obstacles: [[(20, 2), (22, 2), (22, 4), (20, 4)]],
        entrances: {
            "door": Area(polygon: [(1, 8), (3, 8), (3, 12), (1, 12)]),
            "road": Lane("approach"),
        },
        exits: [[(38, 8), (39.8, 8), (39.8, 12), (38, 12)]],
        stages: {
            "desk": (
                service_points: [(30, 9), (30, 11)],
                queue: Serpentine(path: [(20, 10), (29, 10)], width_m: 1.2),
            ),
            "gate": (booths: [(lane: "exit_road", at_m: 10)], hold: (lane: "approach", at_m: 99)),
        },
        lanes: {
            "approach": (points: [(0, 30), (100, 30)], next: ["exit_road"]),
            "exit_road": (points: [(100, 30), (200, 30)]),
        },
        portals: {"scanner": (lane: "exit_road", at_m: 40, length_m: 20)},
    ),
)
"#;

/// Breaks the base and checks the error at `path`: its message and the line holding `line_marker`.
fn case(from: &str, to: &str, path: &str, message: &str, line_marker: &str) {
    case_in(BASE, "base.ron", from, to, path, message, line_marker);
}

fn case_in(base: &str, file: &str, from: &str, to: &str, path: &str, message: &str, line_marker: &str) {
    common::assert_rejected(base, file, from, to, path, message, line_marker);
}

#[test]
fn base_layout_is_valid() {
    parse(BASE, "base.ron").unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn service_point_outside_walkable_space() {
    case(
        "service_points: [(30, 9), (30, 11)]",
        "service_points: [(30, 9), (45, 11)]",
        "layout.stages.desk.service_points[1]",
        "not in walkable space",
        "(45, 11)",
    );
}

#[test]
fn service_point_inside_an_obstacle() {
    case(
        "service_points: [(30, 9), (30, 11)]",
        "service_points: [(21, 3), (30, 11)]",
        "layout.stages.desk.service_points[0]",
        "not in walkable space",
        "(21, 3)",
    );
}

#[test]
fn stage_walled_off_is_unreachable() {
    case(
        "        exits: [[",
        "        walls: [[(28, 7), (32, 7), (32, 13), (28, 13), (28, 7)]],\n        exits: [[",
        "layout.stages.desk.service_points[0]",
        "cannot be reached",
        "service_points",
    );
}

#[test]
fn no_exit_reachable() {
    case(
        "exits: [[(38, 8), (39.8, 8), (39.8, 12), (38, 12)]]",
        "exits: [[(50, 8), (52, 8), (52, 12), (50, 12)]]",
        "layout.exits",
        "no exit can be reached",
        "exits:",
    );
}

#[test]
fn lanes_not_connected() {
    case(
        r#""exit_road": (points: [(100, 30), (200, 30)])"#,
        r#""exit_road": (points: [(110, 30), (200, 30)])"#,
        "layout.lanes.approach.next[0]",
        "not connected",
        r#"next: ["exit_road"]"#,
    );
}

#[test]
fn lane_that_does_not_exist() {
    case(
        r#"next: ["exit_road"]"#,
        r#"next: ["exit_raod"]"#,
        "layout.lanes.approach.next[0]",
        "lane \"exit_raod\" does not exist",
        r#"next: ["exit_raod"]"#,
    );
}

#[test]
fn booth_beyond_the_end_of_its_lane() {
    case(
        "(lane: \"exit_road\", at_m: 10)",
        "(lane: \"exit_road\", at_m: 150)",
        "layout.stages.gate.booths[0].at_m",
        "is not on lane",
        "at_m: 150",
    );
}

#[test]
fn booth_behind_the_hold_line() {
    case(
        "hold: (lane: \"approach\", at_m: 99)",
        "hold: (lane: \"exit_road\", at_m: 50)",
        "layout.stages.gate.booths[0]",
        "cannot drive to this booth",
        "booths:",
    );
}

#[test]
fn portal_past_the_end_of_its_lane() {
    case(
        "at_m: 40, length_m: 20",
        "at_m: 90, length_m: 20",
        "layout.portals.scanner.length_m",
        "runs past the end",
        "at_m: 90",
    );
}

#[test]
fn stage_with_servers_but_no_place() {
    case(
        "            \"desk\": (\n                service_points",
        "            \"desk_typo\": (\n                service_points",
        "layout.stages.desk_typo",
        "is not in `routing`",
        "desk_typo",
    );
}

#[test]
fn source_without_entrance() {
    case(
        "            \"road\": Lane(\"approach\"),\n",
        "",
        "layout.entrances",
        "source \"road\" has no entrance",
        "entrances:",
    );
}

#[test]
fn pedestrians_routed_to_vehicle_booths() {
    case(
        r#""desk": (pool: "desks", next: To("exit"))"#,
        r#""desk": (pool: "desks", next: To("gate"))"#,
        "layout.stages.gate",
        "which has vehicle booths",
        "\"gate\": (booths",
    );
}

#[test]
fn degenerate_polygons_and_queues() {
    case(
        "walkable: [[(0, 0), (40, 0), (40, 20), (0, 20)]]",
        "walkable: [[(0, 0), (40, 0), (40, 20), (0, 20)], [(0, 0), (1, 1), (2, 2)]]",
        "layout.walkable[1]",
        "has no area",
        "[(0, 0), (1, 1), (2, 2)]",
    );
    case(
        "width_m: 1.2",
        "width_m: 0.3",
        "layout.stages.desk.queue.width_m",
        "width",
        "width_m: 0.3",
    );
}

#[test]
fn micro_needs_every_pool_placed() {
    case(
        "            \"gate\": (booths: [(lane: \"exit_road\", at_m: 10)], hold: (lane: \"approach\", at_m: 99)),\n",
        "",
        "layout.stages",
        "has servers but no place",
        "stages: {",
    );
}

fn import_case(file_name: &str, content: &str, message: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(file_name), content).unwrap();
    let scenario_file = dir.path().join("hall.ron");
    let scenario_name = scenario_file.to_str().unwrap();
    let with_import = BASE.replacen(
        "        obstacles:",
        &format!("        import: [(file: \"{file_name}\", as: Obstacles)],\n        obstacles:"),
        1,
    );
    case_in(
        &with_import,
        scenario_name,
        "as: Obstacles",
        "as: Obstacles",
        "layout.import[0].file",
        message,
        "import:",
    );
}

#[test]
fn bad_wkt_is_located_in_the_imported_file() {
    import_case(
        "pillars.wkt",
        "POLYGON ((5 5, 6 5,\n 6 x, 5 6, 5 5))",
        "pillars.wkt:2:4: expected a number",
    );
}

#[test]
fn bad_geojson_is_located_in_the_imported_file() {
    import_case(
        "pillars.geojson",
        "{\"type\": \"Polygon\",\n \"coordinates\": [[[5, 5], [6]]]}",
        "pillars.geojson:1:1: a position must be [x, y]",
    );
    import_case(
        "broken.geojson",
        "{\"type\": \"Polygon\",\n \"coordinates\": [[",
        "broken.geojson:2:",
    );
}

#[test]
fn missing_import_file() {
    let dir = tempfile::tempdir().unwrap();
    let scenario_file = dir.path().join("hall.ron");
    let text = BASE.replacen(
        "        obstacles:",
        "        import: [(file: \"absent.wkt\")],\n        obstacles:",
        1,
    );
    let error = parse(&text, scenario_file.to_str().unwrap()).unwrap_err();
    assert!(
        error.to_string().contains("cannot read") && error.to_string().contains("absent.wkt"),
        "{error}"
    );
}

#[test]
fn imported_wkt_floor_is_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hall.wkt"),
        "POLYGON ((0 0, 40 0, 40 20, 0 20, 0 0), (20 2, 22 2, 22 4, 20 4, 20 2))",
    )
    .unwrap();
    let text = BASE
        .replacen(
            "walkable: [[(0, 0), (40, 0), (40, 20), (0, 20)]],",
            "import: [(file: \"hall.wkt\")],",
            1,
        )
        .replacen("        obstacles: [[(20, 2), (22, 2), (22, 4), (20, 4)]],\n", "", 1);
    let scenario = parse(&text, dir.path().join("hall.ron").to_str().unwrap()).unwrap_or_else(|e| panic!("{e}"));
    let layout = scenario.layout.unwrap();
    assert_eq!((layout.walkable.len(), layout.obstacles.len()), (1, 1));
    assert!(!layout.is_walkable(porttwin::motion::geometry::Vec2::new(21.0, 3.0)));
}

#[test]
fn no_mutation_of_the_layout_panics() {
    for text in common::mutilations(BASE, BASE.find("layout:").unwrap(), 400, 777) {
        if let Err(error) = parse(&text, "fuzz.ron") {
            for d in error.diagnostics() {
                assert!(d.line >= 1 && d.column >= 1, "{d}");
            }
        }
    }
}

#[test]
fn bad_layout_exits_with_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, BASE.replacen("(30, 11)", "(45, 11)", 1)).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["validate", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("broken.ron:") && stderr.contains("`layout.stages.desk.service_points[1]`"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn social_force_parameter_under_another_model() {
    case(
        "portals: {",
        "pedestrians: (mass_kg: 70),\n        portals: {",
        "layout.pedestrians.mass_kg",
        "`mass_kg` belongs to the social force model, but this layout uses the collision-free speed model",
        "pedestrians: (mass_kg",
    );
}

#[test]
fn social_force_relaxation_time_of_zero() {
    case(
        "portals: {",
        "pedestrians: (model: SocialForce, relaxation_time_s: 0),\n        portals: {",
        "layout.pedestrians.relaxation_time_s",
        "the relaxation time must be at least 0.05 (got 0)",
        "pedestrians: (model: SocialForce",
    );
}

#[test]
fn navigation_cell_coarser_than_the_default_or_too_fine() {
    let portals = r#"        portals: {"scanner": (lane: "exit_road", at_m: 40, length_m: 20)},"#;
    case(
        portals,
        &format!("{portals}\n        navigation_cell_m: 0.5,"),
        "layout.navigation_cell_m",
        "must be at most 0.25 m (got 0.5)",
        "navigation_cell_m: 0.5",
    );
    case(
        portals,
        &format!("{portals}\n        navigation_cell_m: 0.01,"),
        "layout.navigation_cell_m",
        "must be at least 0.05",
        "navigation_cell_m: 0.01",
    );
}
