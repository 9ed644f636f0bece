//! One test per kind of mistake in a scenario file: each gets a clear error
//! naming the file, line, column and field path, and nothing panics.

mod common;

use porttwin::scenario::{Diagnostic, parse};

const BASE: &str = r#"// A small valid scenario; each case below breaks one thing.
Scenario(
    meta: (name: "base", duration_h: 2.0),
    population: [
        (name: "resident", share: 0.6, attributes: {"eligible_for_egate": 0.9}),
        (name: "visitor", share: 0.4, attributes: {"eligible_for_egate": 0.3}),
    ],
    demand: [
        (name: "road", entry: "immigration", arrivals: Hourly(daily_total: 2400, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])),
        (name: "ferry", entry: "immigration", arrivals: Schedule(batches: [(at: "00:30", count: 50, spread_min: 10)])),
    ],
    facilities: {
        "egates": (servers: 4, service: LogNormal(mean_s: 10, sd_s: 3)),
        "desks": (servers: 3, service: Triangular(min_s: 20, mode_s: 40, max_s: 90), discipline: Priority(["resident", "visitor"]), capacity: 100),
        "officers": (servers: 2, roster: [2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2], service: Empirical(quantiles: [(0.0, 60.0), (0.5, 120.0), (1.0, 600.0)])),
    },
    routing: {
        "immigration": (next: Choose([(when: Has("eligible_for_egate"), to: "egate"), (when: Always, to: "desk")])),
        "egate": (pool: "egates", walk_m: 20, next: Split([(p: 0.05, to: "desk"), (p: 0.95, to: "customs")])),
        "desk": (pool: "desks", next: To("customs")),
        "customs": (next: Split([(p: 0.1, to: "inspection"), (p: 0.9, to: "exit")])),
        "inspection": (pool: "officers", next: To("exit")),
    },
)
"#;

/// Applies `from` → `to` to the base scenario and returns the first diagnostic.
fn first_error(from: &str, to: &str) -> (String, Diagnostic) {
    assert!(BASE.contains(from), "case does not apply: {from}");
    let text = BASE.replacen(from, to, 1);
    let error = parse(&text, "base.ron").expect_err("the broken scenario must be rejected");
    let diagnostic = error.diagnostics().first().cloned().expect("a located diagnostic");
    (text, diagnostic)
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in text"));
    text[..at].matches('\n').count() + 1
}

/// Breaks the base scenario and checks the error at `path`: its message and line.
fn case(from: &str, to: &str, path: &str, message: &str, line_marker: &str) {
    common::assert_rejected(BASE, "base.ron", from, to, path, message, line_marker);
}

#[test]
fn base_scenario_is_valid() {
    parse(BASE, "base.ron").unwrap();
}

#[test]
fn bad_syntax_missing_comma() {
    let (_, d) = first_error(r#"(name: "road", entry"#, r#"(name: "road" entry"#);
    assert_eq!(d.line, 9);
    assert!(d.message.contains("comma"), "{d}");
}

#[test]
fn bad_syntax_unclosed_parenthesis() {
    let (_, d) = first_error("    },\n)\n", "    },\n");
    assert!(d.message.contains("ends too early") || d.message.contains("syntax"), "{d}");
}

#[test]
fn unknown_field() {
    case(
        "duration_h: 2.0)",
        "duration_h: 2.0, sed: 3)",
        "meta.sed",
        "unknown field `sed`",
        "sed: 3",
    );
    let (_, d) = first_error("duration_h: 2.0)", "duration_h: 2.0, sed: 3)");
    assert!(d.hint.unwrap().contains("`seed`"), "the hint lists the expected fields");
}

#[test]
fn missing_field() {
    let (_, d) = first_error(r#"(name: "base", duration_h: 2.0)"#, r#"(name: "base")"#);
    assert_eq!(d.path, "meta.duration_h");
    assert!(d.message.contains("missing field `duration_h`"), "{d}");
}

#[test]
fn wrong_type() {
    let (text, d) = first_error("servers: 4,", "servers: \"four\",");
    assert_eq!(d.path, "facilities.egates.servers", "{d}");
    assert_eq!(d.line, line_of(&text, "\"four\""));
}

#[test]
fn unknown_variant() {
    let (_, d) = first_error("LogNormal(mean_s: 10", "Lognormal(mean_s: 10");
    assert!(d.message.contains("unknown variant `Lognormal`"), "{d}");
    assert!(d.hint.unwrap().contains("`LogNormal`"));
}

#[test]
fn negative_rate() {
    case(
        "daily_total: 2400",
        "daily_total: -5",
        "demand[0].arrivals.daily_total",
        "cannot be negative",
        "daily_total",
    );
}

#[test]
fn profile_of_23_weights() {
    case(
        "weights: [1,1,",
        "weights: [1,",
        "demand[0].arrivals.weights",
        "needs 24 weights",
        "weights",
    );
}

#[test]
fn negative_hourly_weight() {
    case(
        "weights: [1,1,",
        "weights: [-1,1,",
        "demand[0].arrivals.weights[0]",
        "cannot be negative",
        "weights",
    );
}

#[test]
fn all_zero_profile() {
    case(
        "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]",
        "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
        "demand[0].arrivals.weights",
        "all hourly weights are 0",
        "weights",
    );
}

#[test]
fn pool_of_zero_servers() {
    case(
        "servers: 4,",
        "servers: 0,",
        "facilities.egates.servers",
        "at least 1 server",
        "servers: 0",
    );
}

#[test]
fn roster_of_23_hours() {
    case(
        "roster: [2,2,",
        "roster: [2,",
        "facilities.officers.roster",
        "needs 24 values",
        "roster",
    );
}

#[test]
fn roster_above_installed_servers() {
    case(
        "roster: [2,2,",
        "roster: [5,2,",
        "facilities.officers.roster[0]",
        "5 servers staffed at 00:00, but the pool has 2",
        "roster",
    );
}

#[test]
fn branch_probabilities_not_summing_to_one() {
    case(
        "(p: 0.95, to: \"customs\")",
        "(p: 0.85, to: \"customs\")",
        "routing.egate.next",
        "sum to 1 (they sum to 0.900000)",
        "\"egate\": (pool",
    );
}

#[test]
fn probability_above_one() {
    case(
        "(p: 0.1, to: \"inspection\")",
        "(p: 1.1, to: \"inspection\")",
        "routing.customs.next[0].p",
        "between 0 and 1",
        "p: 1.1",
    );
}

#[test]
fn route_to_missing_stage() {
    case(
        "next: To(\"customs\")",
        "next: To(\"custom\")",
        "routing.desk.next",
        "stage \"custom\", which does not exist",
        "To(\"custom\")",
    );
}

#[test]
fn stage_with_missing_pool() {
    case(
        "pool: \"desks\"",
        "pool: \"desk_pool\"",
        "routing.desk.pool",
        "pool \"desk_pool\" does not exist",
        "\"desk_pool\"",
    );
}

#[test]
fn unreachable_stage() {
    case(
        "        \"inspection\": (pool",
        "        \"lounge\": (next: To(\"exit\")),\n        \"inspection\": (pool",
        "routing.lounge",
        "unreachable",
        "\"lounge\"",
    );
}

#[test]
fn cycle_without_exit() {
    case(
        "(p: 0.1, to: \"inspection\")",
        "(p: 0.1, to: \"loop_a\")",
        "routing.loop_a.next",
        "can never leave",
        "\"loop_a\": (next",
    );
    fn case(from: &str, to: &str, path: &str, message: &str, marker: &str) {
        let base_with_loop = BASE.replace(
            "        \"inspection\": (pool",
            "        \"loop_a\": (next: To(\"loop_b\")),\n        \"loop_b\": (next: To(\"loop_a\")),\n        \"inspection\": (pool",
        );
        let text = base_with_loop.replacen(from, to, 1);
        let error = parse(&text, "base.ron").unwrap_err();
        let d = error
            .diagnostics()
            .iter()
            .find(|d| d.path == path)
            .unwrap_or_else(|| panic!("no error at {path}: {error}"));
        assert!(d.message.contains(message), "{d}");
        assert_eq!(d.line, line_of(&text, marker));
    }
}

#[test]
fn population_shares_not_summing_to_one() {
    case("share: 0.6", "share: 0.7", "population", "shares must sum to 1", "population:");
}

#[test]
fn attribute_probability_out_of_range() {
    case(
        "{\"eligible_for_egate\": 0.9}",
        "{\"eligible_for_egate\": 1.9}",
        "population[0].attributes.eligible_for_egate",
        "between 0 and 1",
        "1.9",
    );
}

#[test]
fn condition_on_unknown_attribute() {
    case(
        "Has(\"eligible_for_egate\")",
        "Has(\"eligible_for_e_gate\")",
        "routing.immigration.next[0].when",
        "attribute \"eligible_for_e_gate\"",
        "Has(",
    );
}

#[test]
fn choose_without_fallback() {
    case(
        ", (when: Always, to: \"desk\")",
        "",
        "routing.immigration.next",
        "nowhere to go",
        "\"immigration\": (next",
    );
}

#[test]
fn unknown_type_in_priority() {
    case(
        "Priority([\"resident\", \"visitor\"])",
        "Priority([\"resident\", \"tourist\"])",
        "facilities.desks.discipline[1]",
        "\"tourist\" is not in the population",
        "tourist",
    );
}

#[test]
fn negative_standard_deviation() {
    case(
        "sd_s: 3",
        "sd_s: -3",
        "facilities.egates.service.sd_s",
        "cannot be negative",
        "sd_s",
    );
}

#[test]
fn triangular_out_of_order() {
    case(
        "min_s: 20, mode_s: 40",
        "min_s: 50, mode_s: 40",
        "facilities.desks.service",
        "min <= mode <= max",
        "Triangular",
    );
}

#[test]
fn empirical_table_not_ending_at_one() {
    case(
        "(1.0, 600.0)",
        "(0.9, 600.0)",
        "facilities.officers.service.quantiles",
        "end at probability 1",
        "quantiles",
    );
}

#[test]
fn batch_with_impossible_time() {
    case(
        "at: \"00:30\"",
        "at: \"25:00\"",
        "demand[1].arrivals.batches[0].at",
        "not a time of day",
        "25:00",
    );
}

#[test]
fn batch_of_zero() {
    case(
        "count: 50",
        "count: 0",
        "demand[1].arrivals.batches[0].count",
        "at least 1 arrival",
        "count: 0",
    );
}

#[test]
fn zero_duration() {
    case(
        "duration_h: 2.0",
        "duration_h: 0.0",
        "meta.duration_h",
        "greater than 0",
        "duration_h",
    );
}

#[test]
fn time_step_out_of_range() {
    case(
        "duration_h: 2.0)",
        "duration_h: 2.0, step_s: 5.0)",
        "meta.step_s",
        "between 0.01 and 1 s",
        "step_s",
    );
}

#[test]
fn zero_capacity() {
    case(
        "capacity: 100",
        "capacity: 0",
        "facilities.desks.capacity",
        "at least 1",
        "capacity: 0",
    );
}

#[test]
fn duplicate_pool_name() {
    let (text, d) = first_error("        \"desks\": (servers: 3", "        \"egates\": (servers: 3");
    assert!(d.message.contains("duplicate name \"egates\""), "{d}");
    assert_eq!(d.line, line_of(&text, "\"egates\": (servers: 3"));
}

#[test]
fn missing_entry_stage() {
    case(
        "entry: \"immigration\", arrivals: Hourly",
        "entry: \"arrivals_hall\", arrivals: Hourly",
        "demand[0].entry",
        "entry stage \"arrivals_hall\" does not exist",
        "arrivals_hall",
    );
}

#[test]
fn stage_named_exit() {
    case(
        "        \"desk\": (pool",
        "        \"exit\": (pool",
        "routing.exit",
        "cannot name a stage",
        "\"exit\": (pool",
    );
}

#[test]
fn micro_fidelity_without_layout() {
    case(
        "duration_h: 2.0)",
        "duration_h: 2.0, fidelity: Micro)",
        "meta.fidelity",
        "needs a `layout`",
        "Micro",
    );
}

#[test]
fn unused_pool() {
    case(
        "pool: \"officers\", next",
        "next",
        "facilities.officers",
        "not used by any stage",
        "\"officers\"",
    );
}

#[test]
fn on_full_without_capacity() {
    case(
        "(pool: \"egates\", walk_m: 20,",
        "(pool: \"egates\", on_full: \"desk\", walk_m: 20,",
        "routing.egate.on_full",
        "no queue capacity",
        "on_full",
    );
}

#[test]
fn source_mix_with_unknown_type() {
    case(
        "arrivals: Schedule(",
        "mix: {\"crew\": 1.0}, arrivals: Schedule(",
        "demand[1].mix.crew",
        "\"crew\" is not in the population",
        "crew",
    );
}

#[test]
fn condition_on_unknown_type() {
    case(
        "Has(\"eligible_for_egate\")",
        "TypeIs(\"crew\")",
        "routing.immigration.next[0].when",
        "\"crew\" is not in the population",
        "TypeIs",
    );
}

#[test]
fn empty_file() {
    let error = parse("", "empty.ron").unwrap_err();
    let d = &error.diagnostics()[0];
    assert_eq!((d.file.as_str(), d.line, d.column), ("empty.ron", 1, 1));
}

#[test]
fn several_mistakes_are_all_reported_in_file_order() {
    let text = BASE
        .replacen("servers: 4,", "servers: 0,", 1)
        .replacen("sd_s: 3", "sd_s: -3", 1)
        .replacen("count: 50", "count: 0", 1);
    let error = parse(&text, "base.ron").unwrap_err();
    let paths: Vec<&str> = error.diagnostics().iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "demand[1].arrivals.batches[0].count",
            "facilities.egates.servers",
            "facilities.egates.service.sd_s"
        ]
    );
    assert!(error.to_string().ends_with("3 problems in base.ron"));
}

#[test]
fn no_mutation_of_the_base_panics() {
    // Deletes, duplicates and truncates slices of the file at many places; every result is Ok or a located error.
    for text in common::mutilations(BASE, 0, 2000, 12345) {
        if let Err(error) = parse(&text, "fuzz.ron") {
            for d in error.diagnostics() {
                assert!(d.line >= 1 && d.column >= 1, "{d}");
            }
        }
    }
}

#[test]
fn a_one_digit_hour_is_refused_with_the_two_digit_form() {
    let (_, d) = first_error("(at: \"00:30\"", "(at: \"0:30\"");
    assert_eq!(d.path, "demand[1].arrivals.batches[0].at");
    assert!(d.message.contains("as in \"00:30\""), "{d}");
}

#[test]
fn a_percentage_written_as_a_probability_gets_the_fraction() {
    let text = BASE.replacen("{\"eligible_for_egate\": 0.9}", "{\"eligible_for_egate\": 90}", 1);
    let error = parse(&text, "base.ron").expect_err("a share of 90 is refused");
    let d = error
        .diagnostics()
        .iter()
        .find(|d| d.message.contains("(got 90)"))
        .cloned()
        .expect("the attribute's error");
    assert!(d.path.starts_with("population[0].attributes"), "{d}");
    assert!(d.message.contains("must be a probability between 0 and 1"), "{d}");
    assert_eq!(d.hint.as_deref(), Some("write a percentage as a fraction: 90% is 0.9"));
}

#[test]
fn an_unknown_target_name_lists_the_known_ones() {
    let targets = "    targets: (wait: [(of: \"desks\", within_min: 5, share: 0.95)], time_in_system: [(of: \"tourist\", within_min: 30, share: 0.9)]),\n)\n";
    let text = BASE.trim_end().strip_suffix(')').unwrap().to_string() + targets;
    let error = parse(&text, "base.ron").expect_err("unknown names are refused");
    let hints: Vec<String> = error
        .diagnostics()
        .iter()
        .map(|d| format!("{}: {}", d.path, d.hint.clone().unwrap_or_default()))
        .collect();
    assert!(
        hints.contains(&"targets.wait[0].of: stages with a pool: \"egate\", \"desk\", \"inspection\"".to_string()),
        "{hints:?}"
    );
    assert!(
        hints.contains(
            &"targets.time_in_system[0].of: the population has \"resident\", \"visitor\"; leave `of` out for every traveller".to_string()
        ),
        "{hints:?}"
    );
}

#[test]
fn service_by_type_of_a_type_not_in_the_population() {
    case(
        r#"discipline: Priority(["resident", "visitor"]), capacity: 100)"#,
        r#"discipline: Priority(["resident", "visitor"]), capacity: 100, service_by_type: {"lorry": Constant(s: 300)})"#,
        "facilities.desks.service_by_type.lorry",
        "traveller type \"lorry\" is not in the population",
        "service_by_type",
    );
}
