//! Writing NumPy `.npy` arrays (format version 1.0), for training scripts.

/// Element types this writer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpyType {
    /// `u8`, NumPy `|u1`.
    U8,
    /// Little-endian `u16`, NumPy `<u2`.
    U16,
    /// Little-endian `f32`, NumPy `<f4`.
    F32,
}

/// An `.npy` file holding `data` (already little-endian bytes) with `shape`.
pub fn encode(kind: NpyType, shape: &[usize], data: &[u8]) -> Vec<u8> {
    let descr = match kind {
        NpyType::U8 => "|u1",
        NpyType::U16 => "<u2",
        NpyType::F32 => "<f4",
    };
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    let shape = if dims.len() == 1 {
        format!("({},)", dims[0])
    } else {
        format!("({})", dims.join(", "))
    };
    let mut header = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
    let unpadded = 10 + header.len() + 1;
    header.push_str(&" ".repeat((64 - unpadded % 64) % 64));
    header.push('\n');
    let mut bytes = Vec::with_capacity(10 + header.len() + data.len());
    bytes.extend_from_slice(b"\x93NUMPY\x01\x00");
    bytes.extend_from_slice(&(header.len() as u16).to_le_bytes());
    bytes.extend_from_slice(header.as_bytes());
    bytes.extend_from_slice(data);
    bytes
}

/// An `.npy` file of `f32` values with `shape`.
pub fn encode_f32(shape: &[usize], values: &[f32]) -> Vec<u8> {
    let data: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    encode(NpyType::F32, shape, &data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_aligned_and_describes_the_array() {
        let bytes = encode(NpyType::U8, &[2, 3], &[1, 2, 3, 4, 5, 6]);
        assert_eq!(&bytes[..6], b"\x93NUMPY");
        let header_len = u16::from_le_bytes([bytes[8], bytes[9]]) as usize;
        assert_eq!((10 + header_len) % 64, 0);
        let header = std::str::from_utf8(&bytes[10..10 + header_len]).unwrap();
        assert!(header.contains("'shape': (2, 3)") && header.contains("|u1"), "{header}");
        assert_eq!(&bytes[10 + header_len..], &[1, 2, 3, 4, 5, 6]);
        assert!(String::from_utf8_lossy(&encode_f32(&[4], &[0.0; 4])).contains("(4,)"));
    }
}
