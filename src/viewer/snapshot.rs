//! What the viewer draws, read from the simulation's world: every body with its place and
//! state, every server with its state, every portal with whether a truck is in it.

use bevy::ecs::world::World;
use bevy::math::Vec2;

use super::palette::{AgentState, PortalState, ServerState};
use crate::motion::pedestrians::{Pedestrians, Task};
use crate::motion::vehicles::{Drive, Truck, Vehicles};
use crate::scenario::layout::{Layout, Place};
use crate::sim::Network;
use crate::sim::agent::AgentKey;
use crate::sim::domain::Look;
use crate::sim::network::ProcessNetwork;

/// Walking or driving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// On foot.
    Pedestrian,
    /// A truck.
    Truck,
}

/// One body on the plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgentView {
    /// Its agent in the network.
    pub key: AgentKey,
    /// The agent's serial number.
    pub id: u64,
    /// On foot or a truck.
    pub kind: BodyKind,
    /// Position on the plan, metres.
    pub pos: Vec2,
    /// Unit heading on the plan.
    pub heading: Vec2,
    /// Its state.
    pub state: AgentState,
}

/// One server's place and state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServerView {
    /// Where it stands on the plan.
    pub pos: Vec2,
    /// A machine (e-gate, kiosk, scanner) rather than an officer's desk.
    pub automated: bool,
    /// Its state.
    pub state: ServerState,
}

/// The state of an agent: what its domain says of it first, then what its body does.
fn state_of(look: Look, doing: AgentState, reveal: bool) -> AgentState {
    if look.intercepted {
        AgentState::Intercepted
    } else if reveal && look.carries {
        AgentState::Smuggling
    } else if look.flagged {
        AgentState::Flagged
    } else {
        doing
    }
}

/// How agent `key`'s domain says it looks.
fn look(network: &ProcessNetwork, key: AgentKey) -> Option<(u64, Look)> {
    let agent = network.agents().get(key)?;
    Some((agent.id, network.domains()[agent.domain as usize].look(key, agent)))
}

/// Every pedestrian and truck in the port; `reveal` shows who carries contraband.
pub fn agents(world: &World, layout: &Layout, reveal: bool) -> Vec<AgentView> {
    let network = &world.resource::<Network>().0;
    let mut views = Vec::new();
    if let Some(pedestrians) = world.get_resource::<Pedestrians>() {
        for (i, walker) in pedestrians.walkers.iter().enumerate() {
            let Some((id, look)) = look(network, walker.agent) else {
                continue;
            };
            let doing = match walker.task {
                Task::ToStage(_) | Task::ToExit => AgentState::Moving,
                Task::Queued(_) => AgentState::Queueing,
                Task::ToServer(..) | Task::AtServer(..) => AgentState::InService,
            };
            let heading = pedestrians.crowd.heading[i];
            views.push(AgentView {
                key: walker.agent,
                id,
                kind: BodyKind::Pedestrian,
                pos: pedestrians.crowd.pos[i],
                heading: if heading.length_squared() > 0.0 { heading } else { Vec2::X },
                state: state_of(look, doing, reveal),
            });
        }
    }
    if let Some(vehicles) = world.get_resource::<Vehicles>() {
        for truck in vehicles.trucks.iter().filter(|t| !t.route.is_empty()) {
            let Some((id, look)) = look(network, truck.agent) else { continue };
            let (pos, heading) = Vehicles::pose(layout, truck);
            views.push(AgentView {
                key: truck.agent,
                id,
                kind: BodyKind::Truck,
                pos,
                heading,
                state: state_of(look, truck_doing(truck), reveal),
            });
        }
    }
    views
}

fn truck_doing(truck: &Truck) -> AgentState {
    match truck.drive {
        Drive::Idle | Drive::ToStage(_) | Drive::ToExit => AgentState::Moving,
        Drive::Held(_) => AgentState::Queueing,
        Drive::ToBooth(..) | Drive::AtBooth(..) => AgentState::InService,
    }
}

/// Every server with a place on the plan (desks and e-gates by their service points, booths
/// by their stop lines), in stage order.
pub fn servers(world: &World, layout: &Layout) -> Vec<ServerView> {
    let network = &world.resource::<Network>().0;
    let scenario = network.scenario();
    let mut views = Vec::new();
    for (stage, place) in scenario.stages.iter().zip(&layout.places) {
        let Some(pool_id) = stage.pool else { continue };
        let pool = &network.pools()[pool_id];
        let spec = &scenario.pools[pool_id];
        let points: Vec<Vec2> = match place {
            Place::Desks { service_points, .. } => service_points.clone(),
            Place::Booths { booths, .. } => booths.iter().map(|b| layout.lanes[b.lane].path.at(b.at_m).0).collect(),
            Place::Nowhere | Place::Waypoint(_) => continue,
        };
        let installed = spec.max_servers() as usize;
        let busy: Vec<bool> = {
            let mut busy = vec![false; installed];
            for (server, _) in pool.in_service() {
                if let Some(b) = busy.get_mut(server as usize) {
                    *b = true;
                }
            }
            busy
        };
        let staffed = pool.staffed() as usize;
        let broken = network.out_of_order(pool_id) as usize;
        for (server, &pos) in points.iter().enumerate().take(installed) {
            let state = if busy[server] {
                ServerState::Busy
            } else if server >= staffed && server < staffed + broken {
                ServerState::Broken
            } else if server >= staffed {
                ServerState::Closed
            } else {
                ServerState::Idle
            };
            views.push(ServerView {
                pos,
                automated: spec.automated,
                state,
            });
        }
    }
    views
}

/// How far past a portal's exit a truck's alarm still lights the portal, metres.
const ALARM_AFTERGLOW_M: f32 = 20.0;

/// What each portal shows now: idle, a truck inside it, or the alarm of a truck in it or just
/// out of it.
pub fn portal_states(world: &World, layout: &Layout) -> Vec<PortalState> {
    let Some(vehicles) = world.get_resource::<Vehicles>() else {
        return vec![PortalState::Idle; layout.portals.len()];
    };
    let network = &world.resource::<Network>().0;
    let length = layout.vehicles.length_m;
    layout
        .portals
        .iter()
        .map(|portal| {
            let (start, end) = (portal.at.at_m, portal.at.at_m + portal.length_m);
            let on_lane = vehicles.trucks.iter().filter(|t| t.route.first() == Some(&portal.at.lane));
            let mut state = PortalState::Idle;
            for truck in on_lane.filter(|t| t.s >= start && t.s - length <= end + ALARM_AFTERGLOW_M) {
                let alarmed = look(network, truck.agent).is_some_and(|(_, look)| look.flagged);
                if alarmed {
                    return PortalState::Alarm;
                }
                if truck.s - length <= end {
                    state = PortalState::Scanning;
                }
            }
            state
        })
        .collect()
}
