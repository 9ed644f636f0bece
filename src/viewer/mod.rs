//! The 3D viewer for trainers (`porttwin view`, cargo feature `viewer`): the port in 3D,
//! agents coloured by state, live KPIs, time controls, staged incidents, frame capture.
//!
//! The viewer is a Bevy app with rendering; the simulation is a separate app built exactly
//! as a headless run builds it, held by [`driver::SimDriver`] and stepped tick by tick.
//! The viewer reads the simulation's world and never writes its components; its only input
//! to the simulation is staging incidents, which are recorded for replay.
//!
//! - [`driver`]: the simulation, stepped in whole ticks;
//! - [`playback`], [`controls`]: time controls and keys;
//! - [`snapshot`], [`kpis`], [`journey`]: what is read from the simulation;
//! - [`palette`]: every colour, and the state → colour mapping;
//! - [`scene`], [`triangulate`], [`agents`]: the layout and the bodies in 3D;
//! - [`camera`], [`picking`]: orbit camera, click to follow;
//! - [`panel`]: clock, KPIs, journey, legend;
//! - [`incidents`]: incidents staged by key;
//! - [`capture`]: frames to PNG files without a screen.

pub mod agents;
pub mod camera;
pub mod capture;
pub mod controls;
pub mod driver;
pub mod incidents;
pub mod journey;
pub mod kpis;
pub mod palette;
pub mod panel;
pub mod picking;
pub mod plan;
pub mod playback;
pub mod scene;
pub mod snapshot;
pub mod triangulate;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bevy::DefaultPlugins;
use bevy::app::{App, AppExit, PluginGroup, Startup, Update};
use bevy::camera::{Camera3d, ClearColor};
use bevy::color::Color;
use bevy::core_pipeline::tonemapping::{DebandDither, Tonemapping};
use bevy::ecs::prelude::*;
use bevy::light::{DirectionalLight, GlobalAmbientLight};
use bevy::math::{Quat, Vec2};
use bevy::render::view::Msaa;
use bevy::time::{Real, Time};
use bevy::transform::components::Transform;
use bevy::window::{PresentMode, Window, WindowPlugin, WindowResolution};
use bevy::winit::{UpdateMode, WinitSettings};

use crate::run::Seed;
use crate::scenario::Scenario;
use crate::scenario::incident::Incident;
use crate::scenario::layout::Layout;
use crate::scenario::model::Fidelity;
use crate::sim::time::SimTime;
use capture::{Capture, CapturePlan};
use driver::SimDriver;
use playback::Playback;
use snapshot::AgentView;

/// Why the viewer cannot show a scenario.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ViewerError {
    /// The scenario does not run in micro fidelity, so there is no layout to show.
    #[error(
        "the viewer shows agents moving through a port's layout, which only micro fidelity has; use a scenario with `fidelity: Micro` and a `layout` (see docs/micro.md), e.g. scenarios/land_port_day_micro.ron"
    )]
    NotMicro,
    /// The simulation failed.
    #[error("{0}")]
    RunFailed(String),
}

/// How to show a run.
#[derive(Debug, Clone)]
pub struct ViewerOptions {
    /// The run's seed.
    pub seed: Seed,
    /// Initial speed, simulated seconds per second (the nearest of [`playback::SPEEDS`]).
    pub speed: f64,
    /// Jump to this time first.
    pub start: Option<SimTime>,
    /// Capture frames instead of running interactively.
    pub capture: Option<CapturePlan>,
    /// Close after this much wall-clock time (to measure the frame rate).
    pub exit_after: Option<Duration>,
    /// Window size in pixels.
    pub size: (u32, u32),
}

/// What a viewing session leaves behind.
#[derive(Debug, Clone, Default)]
pub struct ViewOutcome {
    /// Incidents staged by key, with their times, in order.
    pub staged: Vec<Incident>,
    /// The simulation's failure, if it failed.
    pub error: Option<String>,
    /// Frames drawn after the first second.
    pub frames: u64,
    /// Wall-clock seconds those frames took.
    pub seconds: f64,
    /// Bodies drawn per frame, on average over those frames.
    pub mean_bodies: f64,
    /// Most bodies drawn in one frame.
    pub max_bodies: usize,
}

/// The simulation, held by the viewer (not `Send`: it is a whole app).
pub struct Sim {
    /// The run.
    pub driver: SimDriver,
    /// The scenario as loaded (without incidents staged by key).
    pub scenario: Arc<Scenario>,
    /// Incidents staged before a jump back in time (the driver replays them).
    pub replayed: Vec<Incident>,
    /// The simulation's failure, if it failed.
    pub error: Option<String>,
}

impl Sim {
    /// Every incident staged by key in this session, in order.
    pub fn staged(&self) -> Vec<Incident> {
        self.replayed.iter().chain(self.driver.staged()).copied().collect()
    }
}

/// The scenario whose layout is shown.
#[derive(Resource, Clone)]
pub struct SimLayout(pub Arc<Scenario>);

impl SimLayout {
    /// The layout.
    pub fn layout(&self) -> &Layout {
        self.0.layout.as_ref().expect("the viewer only shows scenarios with a layout")
    }

    /// Smallest and largest corner of the floor and the lanes.
    pub fn bounds(&self) -> (Vec2, Vec2) {
        let layout = self.layout();
        let points = layout
            .walkable
            .iter()
            .flatten()
            .chain(layout.lanes.iter().flat_map(|l| &l.path.points));
        crate::motion::geometry::bounds(points)
    }
}

/// The bodies of this frame.
#[derive(Resource, Default)]
pub struct Frame {
    /// Every body in the port.
    pub agents: Vec<AgentView>,
}

/// The agent the camera follows (its serial number).
#[derive(Resource, Default)]
pub struct Follow(pub Option<u64>);

/// Show who carries contraband.
#[derive(Resource, Default)]
pub struct Reveal(pub bool);

/// Frame-rate bookkeeping.
#[derive(Resource)]
pub struct FrameRate {
    /// Smoothed frames per second.
    pub fps: f64,
    started: Instant,
    outcome: Arc<Mutex<ViewOutcome>>,
    exit_after: Option<Duration>,
}

/// Reads this frame's bodies from the simulation.
fn refresh(sim: NonSend<Sim>, layout: Res<SimLayout>, reveal: Res<Reveal>, mut frame: ResMut<Frame>) {
    frame.agents = snapshot::agents(sim.driver.world(), layout.layout(), reveal.0);
}

/// Measures the frame rate, keeps the outcome up to date, and closes after `exit_after`.
fn measure(sim: NonSend<Sim>, frame: Res<Frame>, time: Res<Time<Real>>, mut rate: ResMut<FrameRate>, mut exit: MessageWriter<AppExit>) {
    let dt = time.delta_secs_f64();
    if dt > 0.0 {
        rate.fps = if rate.fps == 0.0 { 1.0 / dt } else { rate.fps * 0.9 + 0.1 / dt };
    }
    let elapsed = rate.started.elapsed();
    let mut outcome = rate.outcome.lock().expect("the outcome lock is never poisoned");
    if elapsed > Duration::from_secs(1) {
        let n = frame.agents.len();
        outcome.mean_bodies = (outcome.mean_bodies * outcome.frames as f64 + n as f64) / (outcome.frames + 1) as f64;
        outcome.max_bodies = outcome.max_bodies.max(n);
        outcome.frames += 1;
        outcome.seconds += dt;
    }
    if outcome.staged.len() != sim.staged().len() {
        outcome.staged = sim.staged();
    }
    outcome.error.clone_from(&sim.error);
    if rate.exit_after.is_some_and(|limit| elapsed >= limit) {
        exit.write(AppExit::Success);
    }
}

/// The camera and the light.
fn spawn_camera(mut commands: Commands, layout: Res<SimLayout>) {
    let orbit = camera::Orbit::overview(&layout);
    // No tonemapping: colours (and the clear colour) reach the picture as the palette defines
    // them. No MSAA: software rendering has no time for it.
    commands.spawn((
        Camera3d::default(),
        Tonemapping::None,
        DebandDither::Disabled,
        Msaa::Off,
        orbit.transform(),
        orbit,
    ));
    commands.spawn((
        DirectionalLight {
            illuminance: 3_500.0,
            shadow_maps_enabled: false,
            ..Default::default()
        },
        Transform::from_rotation(Quat::from_euler(bevy::math::EulerRot::XYZ, -1.0, 0.4, 0.0)),
    ));
}

/// Opens the viewer on `scenario` and runs until the window closes (or the capture ends).
pub fn run(scenario: &Scenario, options: &ViewerOptions) -> Result<ViewOutcome, ViewerError> {
    if scenario.meta.fidelity != Fidelity::Micro {
        return Err(ViewerError::NotMicro);
    }
    let scenario = Arc::new(scenario.clone());
    let mut driver = SimDriver::new(&scenario, options.seed);
    if let Some(start) = options.start {
        driver
            .run_until(start, Duration::MAX)
            .map_err(|e| ViewerError::RunFailed(e.to_string()))?;
    }
    let outcome = Arc::new(Mutex::new(ViewOutcome::default()));
    let (width, height) = options.size;
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: format!("porttwin: {}", scenario.meta.name),
            resolution: WindowResolution::new(width, height),
            present_mode: PresentMode::AutoNoVsync,
            ..Default::default()
        }),
        ..Default::default()
    }))
    .insert_resource(WinitSettings {
        focused_mode: UpdateMode::Continuous,
        unfocused_mode: UpdateMode::Continuous,
    })
    .insert_resource(ClearColor(palette::CLEAR))
    .insert_resource(GlobalAmbientLight {
        color: Color::WHITE,
        brightness: 250.0,
        affects_lightmapped_meshes: true,
    })
    .insert_resource(SimLayout(Arc::clone(&scenario)))
    .insert_resource(Playback::new(Playback::speed_index(options.speed)))
    .insert_resource(FrameRate {
        fps: 0.0,
        started: Instant::now(),
        outcome: Arc::clone(&outcome),
        exit_after: options.exit_after,
    })
    .init_resource::<Frame>()
    .init_resource::<Follow>()
    .init_resource::<Reveal>()
    .init_resource::<controls::JumpEntry>()
    .insert_non_send(Sim {
        driver,
        scenario: Arc::clone(&scenario),
        replayed: Vec::new(),
        error: None,
    })
    .add_systems(Startup, (scene::spawn, agents::setup, panel::spawn, spawn_camera));
    let drawing = (agents::update, scene::update, camera::control, panel::update);
    match &options.capture {
        Some(plan) => {
            app.insert_resource(Capture::new(plan.clone()))
                .add_systems(Update, (capture::step, refresh, drawing, measure).chain());
        }
        None => {
            app.add_systems(
                Update,
                (
                    (controls::keys, playback::advance).chain(),
                    refresh,
                    (picking::pick, drawing),
                    measure,
                )
                    .chain(),
            );
        }
    }
    app.run();
    let outcome = outcome.lock().expect("the outcome lock is never poisoned").clone();
    match &outcome.error {
        Some(error) => Err(ViewerError::RunFailed(error.clone())),
        None => Ok(outcome),
    }
}
