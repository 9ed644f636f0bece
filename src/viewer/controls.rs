//! Keyboard controls: time, incidents, following, the hidden truth.
//!
//! | key | does |
//! |---|---|
//! | Space | pause / play |
//! | N | one tick (pauses) |
//! | + / - | faster / slower (1x to 600x) |
//! | J, digits, Enter | jump to a time of day (`J 0 8 3 0 Enter`: 08:30; back in time replays the run) |
//! | 1 / 2 / 3 | stage a surge / a breakdown / a smuggler |
//! | T | reveal who carries contraband |
//! | Esc | stop following (or cancel a jump) |
//! | Home | back to the overview |

use bevy::camera::Camera3d;
use bevy::ecs::prelude::*;
use bevy::input::ButtonInput;
use bevy::input::keyboard::KeyCode;

use super::camera::Orbit;
use super::incidents::{IncidentKey, for_key};
use super::playback::{Playback, SPEEDS};
use super::{Follow, Reveal, Sim, SimLayout};
use crate::sim::time::parse_clock;

/// Digits typed after J, while a jump time is being entered.
#[derive(Resource, Debug, Default)]
pub struct JumpEntry(pub Option<String>);

const DIGITS: [KeyCode; 10] = [
    KeyCode::Digit0,
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

/// The time a jump entry names: `"0830"` is 08:30, `"083015"` 08:30:15.
pub fn entry_time(digits: &str) -> Option<crate::sim::time::SimTime> {
    let text = match digits.len() {
        4 => format!("{}:{}", &digits[..2], &digits[2..]),
        6 => format!("{}:{}:{}", &digits[..2], &digits[2..4], &digits[4..]),
        _ => return None,
    };
    parse_clock(&text).ok()
}

/// Applies key presses.
#[allow(clippy::too_many_arguments)]
pub fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut playback: ResMut<Playback>,
    mut entry: ResMut<JumpEntry>,
    mut follow: ResMut<Follow>,
    mut reveal: ResMut<Reveal>,
    mut sim: NonSendMut<Sim>,
    layout: Res<SimLayout>,
    mut camera: Single<&mut Orbit, With<Camera3d>>,
) {
    if let Some(digits) = entry.0.as_mut() {
        for (d, key) in DIGITS.iter().enumerate() {
            if keys.just_pressed(*key) && digits.len() < 6 {
                digits.push(char::from(b'0' + d as u8));
            }
        }
        if keys.just_pressed(KeyCode::Backspace) {
            digits.pop();
        }
        if keys.just_pressed(KeyCode::Enter) {
            playback.jump = entry_time(digits);
            entry.0 = None;
        } else if keys.just_pressed(KeyCode::Escape) {
            entry.0 = None;
        }
        return;
    }
    if keys.just_pressed(KeyCode::Space) {
        playback.paused = !playback.paused;
    }
    if keys.just_pressed(KeyCode::KeyN) {
        playback.paused = true;
        playback.step = true;
    }
    if keys.any_just_pressed([KeyCode::Equal, KeyCode::NumpadAdd]) {
        playback.speed = (playback.speed + 1).min(SPEEDS.len() - 1);
    }
    if keys.any_just_pressed([KeyCode::Minus, KeyCode::NumpadSubtract]) {
        playback.speed = playback.speed.saturating_sub(1);
    }
    if keys.just_pressed(KeyCode::KeyJ) {
        entry.0 = Some(String::new());
    }
    if keys.just_pressed(KeyCode::KeyT) {
        reveal.0 = !reveal.0;
    }
    if keys.just_pressed(KeyCode::Escape) {
        follow.0 = None;
    }
    if keys.just_pressed(KeyCode::Home) {
        follow.0 = None;
        **camera = Orbit::overview(&layout);
    }
    let staged = [
        (KeyCode::Digit1, IncidentKey::Surge),
        (KeyCode::Digit2, IncidentKey::Breakdown),
        (KeyCode::Digit3, IncidentKey::Contraband),
    ];
    for (key, incident) in staged {
        if keys.just_pressed(key)
            && let Some(incident) = for_key(incident, &sim.scenario, sim.driver.now())
        {
            sim.driver.stage(incident);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::time::SimTime;

    #[test]
    fn typed_digits_name_a_time_of_day() {
        assert_eq!(entry_time("0830"), Some(SimTime::from_secs_f64(8.5 * 3600.0)));
        assert_eq!(entry_time("083015"), Some(SimTime::from_secs_f64(8.5 * 3600.0 + 15.0)));
        assert_eq!(entry_time("2460"), None);
        assert_eq!(entry_time("083"), None);
    }
}
