//! Routing flags by name: the scenario's attributes and the flags its domains set share one
//! 64-bit set per agent, and this registry hands out the bits at validation. Attributes come
//! first, then the flags of each domain the scenario uses, so a scenario gets every bit its
//! domains do not need. Outside the registry, flags are known by name only.

/// Bits in an agent's attribute set.
pub const FLAG_BITS: usize = 64;

/// The scenario's attributes and flags with their bits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    names: Vec<(String, Origin)>,
}

/// Who a flag belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// An attribute of the scenario's agent types.
    Attribute,
    /// A flag set by the domain of this name.
    Domain(&'static str),
}

impl Flags {
    /// Adds `name` and returns its bit, or `None` when all bits are taken. A name already
    /// registered keeps its bit.
    pub fn allocate(&mut self, name: &str, origin: Origin) -> Option<u8> {
        if let Some(bit) = self.bit(name) {
            return Some(bit);
        }
        if self.names.len() == FLAG_BITS {
            return None;
        }
        self.names.push((name.to_string(), origin));
        Some((self.names.len() - 1) as u8)
    }

    /// The bit of `name`, if it is registered.
    pub fn bit(&self, name: &str) -> Option<u8> {
        self.names.iter().position(|(n, _)| n == name).map(|b| b as u8)
    }

    /// The bit of a flag the domain registered itself; a domain asks only for its own flags, which
    /// validation allocated before the domain starts.
    pub fn own(&self, name: &str) -> u8 {
        self.bit(name)
            .unwrap_or_else(|| unreachable!("flag `{name}` is allocated at validation"))
    }

    /// Every registered name, in bit order.
    pub fn names(&self) -> impl Iterator<Item = &str> + Clone {
        self.names.iter().map(|(n, _)| n.as_str())
    }

    /// Number of bits taken.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when no bit is taken.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_and_domain_flags_share_the_bits_in_order() {
        let mut flags = Flags::default();
        assert_eq!(flags.allocate("frequent_traveller", Origin::Attribute), Some(0));
        assert_eq!(flags.allocate("face_rejected", Origin::Domain("passengers")), Some(1));
        assert_eq!(flags.allocate("frequent_traveller", Origin::Attribute), Some(0));
        assert_eq!(flags.bit("face_rejected"), Some(1));
        assert_eq!(flags.bit("seized"), None);
        for i in 2..FLAG_BITS {
            assert!(flags.allocate(&format!("a{i}"), Origin::Attribute).is_some());
        }
        assert_eq!(flags.allocate("one_too_many", Origin::Attribute), None);
    }
}
