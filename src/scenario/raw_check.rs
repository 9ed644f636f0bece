//! A stage's `check:`: one enum variant of whichever domain owns it (`FaceMatch(..)` is the
//! passenger domain's, `Cargo(Scan(..))` the cargo domain's). The variant's name picks the
//! domain; the domain's own check type then reads the whole variant, so its errors are serde's
//! usual ones, located as any other.

use std::fmt;
use std::sync::LazyLock;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, VariantAccess, Visitor};
use serde::{Deserialize, forward_to_deserialize_any};

use crate::domains::domain::Domain;
use crate::domains::registry::{all_check_variants, check_owner};

/// Every check variant of every domain, for "expected one of" messages.
static VARIANTS: LazyLock<&'static [&'static str]> = LazyLock::new(|| Box::leak(all_check_variants().into_boxed_slice()));

macro_rules! raw_check {
    ($($module:ident :: $domain:ident : $section:ident),* $(,)?) => {
        /// A stage's check, as written: the owning domain's own check type.
        #[derive(Debug, Clone)]
        pub enum RawCheck {
            $(
                #[doc = concat!("A check of the `", stringify!($module), "` domain.")]
                $domain(<crate::$module::$domain as Domain>::Check),
            )*
        }

        impl RawCheck {
            /// The registration index of the domain that owns the check.
            pub fn domain_index(&self) -> usize {
                let mut registered = 0;
                $(
                    if matches!(self, RawCheck::$domain(_)) {
                        return registered;
                    }
                    registered += 1;
                )*
                registered
            }

            /// Reads the variant `name` (already read) with its payload through the owning domain.
            fn read<'de, V: VariantAccess<'de>>(name: String, variant: V) -> Result<Self, V::Error> {
                let owner = check_owner(&name).ok_or_else(|| de::Error::unknown_variant(&name, &VARIANTS))?;
                let replay = Replay { name, variant };
                let mut registered = 0;
                $(
                    if owner == registered {
                        return <<crate::$module::$domain as Domain>::Check as Deserialize>::deserialize(replay).map(RawCheck::$domain);
                    }
                    registered += 1;
                )*
                let _ = registered;
                Err(de::Error::unknown_variant(&replay.name, &VARIANTS))
            }
        }
    };
}

crate::for_each_domain!(raw_check);

impl<'de> Deserialize<'de> for RawCheck {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_enum("Check", &VARIANTS, CheckVisitor)
    }
}

struct CheckVisitor;

impl<'de> Visitor<'de> for CheckVisitor {
    type Value = RawCheck;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a check such as FaceMatch(..), Search(..), Reclaim or Cargo(..)")
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<RawCheck, A::Error> {
        let (name, variant) = data.variant_seed(VariantName)?;
        RawCheck::read(name, variant)
    }
}

/// Reads a variant's name as an identifier.
struct VariantName;

impl<'de> DeserializeSeed<'de> for VariantName {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for VariantName {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the name of a check")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<String, E> {
        Ok(name.to_string())
    }
}

/// An enum whose variant name has been read already: hands the name, then the rest of the
/// variant, to a domain's derived `Deserialize`.
struct Replay<V> {
    name: String,
    variant: V,
}

impl<'de, A: VariantAccess<'de>> Deserializer<'de> for Replay<A> {
    type Error = A::Error;

    fn deserialize_any<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, Self::Error> {
        visitor.visit_enum(self)
    }

    fn deserialize_enum<W: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: W,
    ) -> Result<W::Value, Self::Error> {
        visitor.visit_enum(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

impl<'de, V: VariantAccess<'de>> EnumAccess<'de> for Replay<V> {
    type Error = V::Error;
    type Variant = V;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, V), V::Error> {
        let name: de::value::StringDeserializer<V::Error> = self.name.into_deserializer();
        Ok((seed.deserialize(name)?, self.variant))
    }
}
