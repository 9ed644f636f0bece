//! The intelligent driver model (Treiber, Hennecke and Helbing 2000).

use crate::scenario::layout::VehicleModel;

/// Acceleration of a vehicle at speed `v` (m/s) wanting `v0`, with `gap` metres of free road
/// to a leader (or stop line) moving at `leader_v` (infinite gap: free road).
pub fn acceleration(model: &VehicleModel, v: f32, v0: f32, gap: f32, leader_v: f32) -> f32 {
    let free = if v0 > 0.0 { 1.0 - (v / v0).powi(4) } else { -1.0 };
    if !gap.is_finite() {
        return model.accel_mps2 * free;
    }
    let dv = v - leader_v;
    let wanted = model.min_gap_m + (v * model.headway_s + v * dv / (2.0 * (model.accel_mps2 * model.decel_mps2).sqrt())).max(0.0);
    let gap = gap.max(0.01);
    model.accel_mps2 * (free - (wanted / gap).powi(2))
}

/// Speed and distance after `dt` seconds at constant acceleration `a`, never reversing.
pub fn advance(v: f32, a: f32, dt: f32) -> (f32, f32) {
    let v_next = v + a * dt;
    if v_next >= 0.0 {
        (v_next, (v + v_next) / 2.0 * dt)
    } else {
        // Stops within the step.
        (0.0, if a < 0.0 { v * v / (-2.0 * a) } else { 0.0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> VehicleModel {
        VehicleModel {
            length_m: 16.5,
            accel_mps2: 0.7,
            decel_mps2: 2.0,
            min_gap_m: 3.0,
            headway_s: 1.8,
        }
    }

    #[test]
    fn free_road_reaches_desired_speed_and_stops_at_a_line() {
        let m = model();
        let (mut v, mut x) = (0.0, 0.0);
        for _ in 0..1200 {
            let a = acceleration(&m, v, 8.0, 200.0 - x, 0.0);
            let (nv, dx) = advance(v, a, 0.1);
            v = nv;
            x += dx;
        }
        assert!(v < 0.05, "stopped: {v}");
        assert!(
            x < 200.0 && x > 200.0 - m.min_gap_m - 0.5,
            "stopped {x} m from the start, before the line at 200 m"
        );
        assert!(acceleration(&m, 8.0, 8.0, f32::INFINITY, 0.0).abs() < 1e-6);
    }
}
