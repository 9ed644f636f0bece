//! Small dense linear systems: Gaussian elimination with partial pivoting.

/// Solves the augmented system `a` (n rows of n coefficients and the right-hand side) by
/// Gaussian elimination with partial pivoting; `None` when a pivot's magnitude falls to
/// `min_pivot` or below (the system is singular to that tolerance).
pub fn solve_augmented(mut a: Vec<Vec<f64>>, min_pivot: f64) -> Option<Vec<f64>> {
    let n = a.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() <= min_pivot {
            return None;
        }
        a.swap(col, pivot);
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != col {
                let f = row[col] / pivot_row[col];
                for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                    *x -= f * p;
                }
            }
        }
    }
    Some((0..n).map(|i| a[i][n] / a[i][i]).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pivoted_system_is_solved_and_a_singular_one_refused() {
        // 0·x + 2y = 4, 3x + y = 5: the first pivot must come from the second row.
        let x = solve_augmented(vec![vec![0.0, 2.0, 4.0], vec![3.0, 1.0, 5.0]], 0.0).unwrap();
        assert!((x[0] - 1.0).abs() < 1e-12 && (x[1] - 2.0).abs() < 1e-12, "{x:?}");
        assert_eq!(solve_augmented(vec![vec![1.0, 2.0, 3.0], vec![2.0, 4.0, 6.0]], 1e-12), None);
    }
}
