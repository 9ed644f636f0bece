//! Contrast-to-noise of the items hidden in a scan as a model reads it: for each item in view,
//! |mean of its box − mean of the ring around it| over the ring's standard deviation, on the
//! high-energy plane of the 8-bit input (what the model sees, quantisation included).

use super::model_scan::ModelScan;
use crate::detect::classes::ThreatClass;
use crate::detect::manifest::InputChannel;

/// Width of the background ring around an item's box, pixels (at least; half the box's side
/// where that is more).
const RING_PX: usize = 3;

/// Each hidden item in view with its contrast-to-noise; items outside the view (e.g. in a cab
/// the portal does not scan) or whose ring is flat are left out.
pub fn hidden_items(scan: &ModelScan, channels: &[InputChannel]) -> Vec<(ThreatClass, f64)> {
    let plane = channels.iter().position(|c| *c == InputChannel::High).unwrap_or(0);
    let (width, height) = (scan.view.width, scan.view.height);
    if scan.image.width != width || scan.image.height < (plane + 1) * height {
        return Vec::new();
    }
    let pixels = &scan.image.pixels[plane * width * height..(plane + 1) * width * height];
    let at = |c: usize, r: usize| f64::from(pixels[r * width + c]);
    let v = scan.view.v_index();
    scan.scene
        .stowage
        .stowed
        .iter()
        .filter_map(|s| {
            let (c0, c1, r0, r1) = scan.view.pixel_box((s.min[0], s.max[0]), (s.min[v], s.max[v]))?;
            let grow_c = RING_PX.max((c1 - c0) / 2);
            let grow_r = RING_PX.max((r1 - r0) / 2);
            let (o0, o1) = (c0.saturating_sub(grow_c), (c1 + grow_c).min(width));
            let (p0, p1) = (r0.saturating_sub(grow_r), (r1 + grow_r).min(height));
            let inside: Vec<f64> = (r0..r1)
                .flat_map(|r| (c0..c1).map(move |c| (c, r)))
                .map(|(c, r)| at(c, r))
                .collect();
            let ring: Vec<f64> = (p0..p1)
                .flat_map(|r| (o0..o1).map(move |c| (c, r)))
                .filter(|&(c, r)| !(c0..c1).contains(&c) || !(r0..r1).contains(&r))
                .map(|(c, r)| at(c, r))
                .collect();
            let (mean_in, (mean_ring, sd_ring)) = (mean(&inside), mean_sd(&ring));
            (ring.len() > 1 && sd_ring > 0.0).then(|| (s.class, (mean_in - mean_ring).abs() / sd_ring))
        })
        .collect()
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len().max(1) as f64
}

fn mean_sd(values: &[f64]) -> (f64, f64) {
    let m = mean(values);
    let var = values.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (values.len().max(2) - 1) as f64;
    (m, var.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::classes::{GoodsCategory, ThreatSet};
    use crate::detect::physics::model_scan::{ModelScanner, container_physics_input};
    use crate::detect::physics::portal::Scene;
    use crate::sim::rng::stream;

    #[test]
    fn an_item_in_a_light_load_stands_out_and_a_clean_load_has_none() {
        let spec = container_physics_input();
        let scanner = ModelScanner::new(&spec, 384, 88).unwrap();
        let mut rng = stream(3, "t");
        let clean = Scene::build(GoodsCategory::Textiles, 3_000.0, 30.0, ThreatSet::NONE, &mut rng).unwrap();
        assert!(hidden_items(&scanner.scan(clean, &mut rng), &spec.channels).is_empty());
        let mut found = Vec::new();
        for i in 0..8 {
            let mut rng = stream(i, "t");
            let scene = Scene::build(
                GoodsCategory::Textiles,
                3_000.0,
                30.0,
                [ThreatClass::Weapons].into_iter().collect(),
                &mut rng,
            )
            .unwrap();
            found.extend(hidden_items(&scanner.scan(scene, &mut rng), &spec.channels));
        }
        assert!(
            found.iter().all(|(c, cnr)| *c == ThreatClass::Weapons && cnr.is_finite()),
            "{found:?}"
        );
        assert!(found.iter().any(|(_, cnr)| *cnr > 1.0), "{found:?}");
    }
}
