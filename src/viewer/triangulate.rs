//! Flat meshes of plan polygons (floors, exits, obstacle tops) by ear clipping.

use bevy::asset::RenderAssetUsages;
use bevy::math::{Vec2, Vec3};
use bevy::mesh::{Indices, Mesh, PrimitiveTopology};

use super::plan::to_world;

/// Twice the signed area: positive when the polygon runs counter-clockwise.
fn signed_area2(polygon: &[Vec2]) -> f32 {
    (0..polygon.len())
        .map(|i| polygon[i].perp_dot(polygon[(i + 1) % polygon.len()]))
        .sum()
}

fn inside_triangle(p: Vec2, a: Vec2, b: Vec2, c: Vec2) -> bool {
    let d1 = (b - a).perp_dot(p - a);
    let d2 = (c - b).perp_dot(p - b);
    let d3 = (a - c).perp_dot(p - c);
    d1 >= 0.0 && d2 >= 0.0 && d3 >= 0.0
}

/// Triangles (indices into `polygon`) covering a simple polygon, counter-clockwise.
pub fn triangles(polygon: &[Vec2]) -> Vec<[usize; 3]> {
    let mut ring: Vec<usize> = (0..polygon.len()).collect();
    if ring.len() > 1 && polygon[ring[0]] == polygon[ring[ring.len() - 1]] {
        ring.pop();
    }
    if signed_area2(polygon) < 0.0 {
        ring.reverse();
    }
    let mut out = Vec::new();
    let mut guard = 0;
    while ring.len() > 3 && guard < 10_000 {
        guard += 1;
        let n = ring.len();
        let ear = (0..n).find(|&i| {
            let (a, b, c) = (polygon[ring[(i + n - 1) % n]], polygon[ring[i]], polygon[ring[(i + 1) % n]]);
            (b - a).perp_dot(c - b) > 0.0
                && !ring
                    .iter()
                    .map(|&k| polygon[k])
                    .any(|p| p != a && p != b && p != c && inside_triangle(p, a, b, c))
        });
        // A degenerate remainder (collinear points) is cut anywhere.
        let i = ear.unwrap_or(0);
        out.push([ring[(i + n - 1) % n], ring[i], ring[(i + 1) % n]]);
        ring.remove(i);
    }
    if ring.len() == 3 {
        out.push([ring[0], ring[1], ring[2]]);
    }
    out
}

/// A flat, upward-facing mesh of `polygon` at `height` metres.
pub fn flat_mesh(polygon: &[Vec2], height: f32) -> Mesh {
    let positions: Vec<Vec3> = polygon.iter().map(|&p| to_world(p, height)).collect();
    let normals = vec![Vec3::Y; positions.len()];
    // The plan's y becomes world -z, so counter-clockwise on the plan stays counter-clockwise seen from above.
    let indices: Vec<u32> = triangles(polygon).into_iter().flatten().map(|i| i as u32).collect();
    Mesh::new(PrimitiveTopology::TriangleList, RenderAssetUsages::default())
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
        .with_inserted_indices(Indices::U32(indices))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(polygon: &[Vec2], tris: &[[usize; 3]]) -> f32 {
        tris.iter()
            .map(|t| (polygon[t[1]] - polygon[t[0]]).perp_dot(polygon[t[2]] - polygon[t[0]]) / 2.0)
            .sum()
    }

    #[test]
    fn an_l_shape_is_covered_exactly_once() {
        let l = [
            Vec2::new(0.0, 0.0),
            Vec2::new(4.0, 0.0),
            Vec2::new(4.0, 1.0),
            Vec2::new(1.0, 1.0),
            Vec2::new(1.0, 3.0),
            Vec2::new(0.0, 3.0),
        ];
        let tris = triangles(&l);
        assert_eq!(tris.len(), 4);
        assert!((area(&l, &tris) - 6.0).abs() < 1e-4);
        let mut clockwise = l;
        clockwise.reverse();
        assert!((area(&clockwise, &triangles(&clockwise)) - 6.0).abs() < 1e-4);
    }
}
