//! Every colour the viewer uses, and the one mapping from an agent's state to its colour.
//! A new state is one variant here, its colour, and where [`super::snapshot`] derives it.

use bevy::color::Color;

/// What an agent is doing, as the viewer colours it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentState {
    /// Walking or driving.
    Moving,
    /// Lined up, or held at a hold line.
    Queueing,
    /// Called to a server, or being served.
    InService,
    /// Selected by screening, rejected by an e-gate, or with a flagged bag.
    Flagged,
    /// Searched (intercepted).
    Intercepted,
    /// Carries contraband (shown only when the hidden truth is revealed).
    Smuggling,
}

impl AgentState {
    /// Every state, in legend order.
    pub const ALL: [AgentState; 6] = [
        AgentState::Moving,
        AgentState::Queueing,
        AgentState::InService,
        AgentState::Flagged,
        AgentState::Intercepted,
        AgentState::Smuggling,
    ];

    /// Its colour.
    pub fn color(self) -> Color {
        match self {
            AgentState::Moving => Color::srgb(0.25, 0.55, 0.95),
            AgentState::Queueing => Color::srgb(0.98, 0.78, 0.15),
            AgentState::InService => Color::srgb(0.2, 0.8, 0.35),
            AgentState::Flagged => Color::srgb(0.95, 0.45, 0.1),
            AgentState::Intercepted => Color::srgb(0.85, 0.1, 0.55),
            AgentState::Smuggling => Color::srgb(0.9, 0.05, 0.05),
        }
    }

    /// Its name in the legend.
    pub fn label(self) -> &'static str {
        match self {
            AgentState::Moving => "walking / driving",
            AgentState::Queueing => "queueing",
            AgentState::InService => "in service",
            AgentState::Flagged => "flagged",
            AgentState::Intercepted => "intercepted",
            AgentState::Smuggling => "carries contraband (revealed)",
        }
    }
}

/// What a server is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServerState {
    /// Staffed and free.
    Idle,
    /// Serving someone.
    Busy,
    /// Not staffed now (roster).
    Closed,
    /// Out of order (a staged breakdown).
    Broken,
}

impl ServerState {
    /// Every state.
    pub const ALL: [ServerState; 4] = [ServerState::Idle, ServerState::Busy, ServerState::Closed, ServerState::Broken];

    /// Its colour.
    pub fn color(self) -> Color {
        match self {
            ServerState::Idle => Color::srgb(0.55, 0.75, 0.6),
            ServerState::Busy => Color::srgb(0.95, 0.6, 0.2),
            ServerState::Closed => Color::srgb(0.35, 0.35, 0.38),
            ServerState::Broken => Color::srgb(0.9, 0.1, 0.1),
        }
    }
}

/// What a scanner portal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PortalState {
    /// No truck in it.
    Idle,
    /// A truck drives through.
    Scanning,
    /// The scan of a truck in it (or just out of it) alarmed.
    Alarm,
}

impl PortalState {
    /// Every state.
    pub const ALL: [PortalState; 3] = [PortalState::Idle, PortalState::Scanning, PortalState::Alarm];

    /// Its colour (the lit states glow).
    pub fn color(self) -> Color {
        match self {
            PortalState::Idle => Color::srgb(0.55, 0.6, 0.7),
            PortalState::Scanning => Color::srgb(0.2, 0.9, 1.0),
            PortalState::Alarm => Color::srgb(1.0, 0.1, 0.1),
        }
    }
}

/// The background.
pub const CLEAR: Color = Color::srgb(0.06, 0.07, 0.09);
/// Walkable floor.
pub const FLOOR: Color = Color::srgb(0.78, 0.78, 0.74);
/// Walls and barriers.
pub const WALL: Color = Color::srgb(0.32, 0.34, 0.4);
/// Obstacles (pillars, counters).
pub const OBSTACLE: Color = Color::srgb(0.45, 0.42, 0.38);
/// Queue areas.
pub const QUEUE_AREA: Color = Color::srgb(0.93, 0.88, 0.62);
/// Exits.
pub const EXIT: Color = Color::srgb(0.35, 0.75, 0.45);
/// Entrances.
pub const ENTRANCE: Color = Color::srgb(0.7, 0.66, 0.84);
/// Vehicle lanes.
pub const LANE: Color = Color::srgb(0.22, 0.23, 0.25);
/// The ring under the followed agent.
pub const FOLLOWED: Color = Color::srgb(1.0, 1.0, 1.0);
