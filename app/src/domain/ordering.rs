//! Moving an entry of an ordered list (categories, districts) one place up or down.

/// The ids in their new order after moving `id` one place up (`up`) or down; None when it
/// is not in the list or already at that end.
pub fn move_one(ids: &[i32], id: i32, up: bool) -> Option<Vec<i32>> {
    let at = ids.iter().position(|x| *x == id)?;
    let to = if up { at.checked_sub(1)? } else { at + 1 };
    if to >= ids.len() {
        return None;
    }
    let mut out = ids.to_vec();
    out.swap(at, to);
    Some(out)
}

/// The sort orders of a list in this order: 10, 20, 30 … (gaps leave room for additions).
pub fn spaced(ids: &[i32]) -> Vec<(i32, i32)> {
    ids.iter().enumerate().map(|(i, id)| (*id, (i as i32 + 1) * 10)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_within_the_list_and_stops_at_its_ends() {
        assert_eq!(move_one(&[1, 2, 3], 2, true), Some(vec![2, 1, 3]));
        assert_eq!(move_one(&[1, 2, 3], 2, false), Some(vec![1, 3, 2]));
        assert_eq!(move_one(&[1, 2, 3], 1, true), None);
        assert_eq!(move_one(&[1, 2, 3], 3, false), None);
        assert_eq!(move_one(&[1, 2, 3], 9, true), None);
        assert_eq!(spaced(&[5, 3]), vec![(5, 10), (3, 20)]);
    }
}
