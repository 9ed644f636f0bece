//! What can go wrong when building scanner physics or a scene.

/// An error in the physics data or in a scene asked of it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PhysicsError {
    /// A line of a shipped data file could not be read.
    #[error("{file}:{line}: {message}")]
    Data {
        /// The data file.
        file: &'static str,
        /// Line number, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A value in a data file is malformed or out of range.
    #[error("{file}:{line}: `{field}`: {message}")]
    Field {
        /// The data file.
        file: String,
        /// Line number, from 1.
        line: usize,
        /// Field path, such as `items[2].parts[0].mass_kg`.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A material, element or table is named but not defined.
    #[error("{file}: `{name}` is not defined")]
    Undefined {
        /// The data file.
        file: &'static str,
        /// The missing name.
        name: String,
    },
    /// A consignment cannot be loaded as asked.
    #[error("cannot load {what}: {why}")]
    Load {
        /// What was being loaded.
        what: String,
        /// Why not.
        why: String,
    },
    /// A scanner setting is out of range.
    #[error("scanner setting `{field}`: {why}")]
    Setting {
        /// The setting.
        field: &'static str,
        /// Why it is refused.
        why: String,
    },
}
