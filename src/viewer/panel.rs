//! The panel: clock and playback, live KPIs, incidents, the followed agent's journey, the
//! keys, and a legend of the state colours.

use std::fmt::Write;

use bevy::color::Color;
use bevy::ecs::prelude::*;
use bevy::text::{FontSize, TextColor, TextFont, TextSpan};
use bevy::ui::widget::Text;
use bevy::ui::{BackgroundColor, Node, PositionType, px};

use super::controls::JumpEntry;
use super::journey;
use super::kpis::{self, Kpis};
use super::palette::AgentState;
use super::playback::Playback;
use super::{Follow, FrameRate, Reveal, Sim};

/// Journey lines shown for the followed agent.
const JOURNEY_LINES: usize = 14;

/// The keys, above the legend.
const KEYS: &str =
    "Space pause  N step  +/- speed  J jump  1 surge  2 breakdown  3 smuggler  T truth  click follow  Esc unfollow  Home overview\n";

/// The panel's text.
#[derive(Component)]
pub struct PanelText;

/// White text on a dark box, pinned to the window by `place` (a [`Node`] with its offsets).
fn text_box(text: &str, font: &TextFont, place: Node) -> impl Bundle {
    (
        Text::new(text),
        font.clone(),
        TextColor(Color::WHITE),
        BackgroundColor(Color::srgba(0.0, 0.0, 0.0, 0.6)),
        Node {
            position_type: PositionType::Absolute,
            ..place
        },
    )
}

/// Spawns the panel and its legend.
pub fn spawn(mut commands: Commands) {
    let font = TextFont {
        font_size: FontSize::Px(13.0),
        ..Default::default()
    };
    let top_left = Node {
        top: px(8),
        left: px(8),
        ..Default::default()
    };
    commands.spawn((text_box("", &font, top_left), PanelText));
    let bottom_left = Node {
        bottom: px(8),
        left: px(8),
        ..Default::default()
    };
    commands.spawn(text_box(KEYS, &font, bottom_left)).with_children(|legend| {
        for state in AgentState::ALL {
            legend.spawn((
                TextSpan::new(format!("## {}  ", state.label())),
                font.clone(),
                TextColor(state.color()),
            ));
        }
    });
}

fn playback_line(playback: &Playback, entry: &JumpEntry, finished: bool) -> String {
    if let Some(digits) = &entry.0 {
        let shown: String = digits.chars().chain(std::iter::repeat('_')).take(4.max(digits.len())).collect();
        return format!("jump to (HHMM[SS], Enter): {shown}");
    }
    if let Some(to) = playback.jump {
        return format!("jumping to {to} ...");
    }
    if finished {
        return "run finished".into();
    }
    let state = if playback.paused { "paused" } else { "playing" };
    format!("{state} at {}x", playback.speed_factor())
}

fn kpi_lines(text: &mut String, k: &Kpis) {
    let _ = writeln!(
        text,
        "arrived {}  left {}  in port {}\nmean wait {:.1} min  longest waiting now {:.1} min",
        k.arrived,
        k.exited,
        k.in_port,
        k.mean_wait_s / 60.0,
        k.longest_waiting_s / 60.0,
    );
    for line in k.sections.iter().flat_map(|section| section.lines()) {
        let _ = writeln!(text, "{line}");
    }
    let _ = writeln!(text, "{:<18}{:>7}{:>12}{:>7}", "pool", "queue", "busy/staff", "util");
    for p in &k.pools {
        let broken = if p.broken > 0 {
            format!("  {} OUT OF ORDER", p.broken)
        } else {
            String::new()
        };
        let _ = writeln!(
            text,
            "{:<18}{:>7}{:>12}{:>6.0}%{broken}",
            p.name,
            p.waiting,
            format!("{}/{}", p.busy, p.staffed),
            p.utilisation * 100.0
        );
    }
}

/// Rewrites the panel for this frame.
pub fn update(
    sim: NonSend<Sim>,
    playback: Res<Playback>,
    entry: Res<JumpEntry>,
    follow: Res<Follow>,
    reveal: Res<Reveal>,
    rate: Res<FrameRate>,
    mut panel: Single<&mut Text, With<PanelText>>,
) {
    let driver = &sim.driver;
    let network = driver.network();
    let scenario = network.scenario();
    let mut text = format!(
        "{}  {}  {}  ({:.0} fps)\n",
        scenario.meta.name,
        network.now(),
        playback_line(&playback, &entry, driver.is_finished()),
        rate.fps
    );
    if let Some(error) = &sim.error {
        let _ = writeln!(text, "RUN FAILED: {error}");
    }
    kpi_lines(&mut text, &kpis::read(driver.world()));
    let staged = sim.staged();
    for incident in sim.scenario.incidents.iter().chain(&staged) {
        let when = if incident.at <= network.now() { "" } else { " (pending)" };
        let _ = writeln!(text, "incident {}: {}{when}", incident.at, incident.describe(scenario));
    }
    if reveal.0 {
        text.push_str("hidden truth revealed (T)\n");
    }
    if let Some(id) = follow.0 {
        let _ = writeln!(text, "following agent #{id} (Esc to stop):");
        match network.journal().and_then(|j| j.journey(id)) {
            Some(steps) => {
                let lines = journey::lines(scenario, steps);
                for line in &lines[lines.len().saturating_sub(JOURNEY_LINES)..] {
                    let _ = writeln!(text, "  {line}");
                }
            }
            None => text.push_str("  (no journey recorded)\n"),
        }
    }
    text.truncate(text.trim_end().len());
    if panel.0 != text {
        panel.0 = text;
    }
}
