//! A parcel's journey as the viewer and `--journeys` show it: its advance data on arrival,
//! then each check's outcome.

use super::item::ParcelStream;
use super::model::ParcelCheck;
use super::parcel::Parcel;
use super::targeting::Reason;

/// The advance data of `parcel`, in bag `bag`, as a line.
pub(super) fn arrival(parcel: &Parcel, bag: u64, stream: &ParcelStream) -> String {
    let ead = &parcel.item.ead;
    let country = |list: &[(String, f64)], i: u16| list.get(usize::from(i)).map_or("?", |(n, _)| n.as_str()).to_string();
    format!(
        "bag {bag}: \"{}\" (HS {:02}), EUR {:.2}, {:.2} kg, {} -> {}",
        ead.description,
        ead.chapter,
        ead.value_eur,
        ead.weight_kg,
        country(&stream.origins, ead.origin),
        country(&stream.destinations, ead.destination)
    )
}

/// The outcome of `check` on `parcel`, as a line.
pub(super) fn outcome(check: ParcelCheck, parcel: &Parcel) -> String {
    match check {
        ParcelCheck::Assess => match parcel.assessment {
            Some(a) => {
                let open = match a.reason {
                    Reason::Rule(i) => format!("OPEN by mandatory rule {}", i + 1),
                    Reason::Score(s) => format!("OPEN by risk score {s:.2}"),
                    Reason::Random => "OPEN by random selection".into(),
                    Reason::None => "not selected".into(),
                };
                let documents = match (a.over_de_minimis, a.documents) {
                    (true, _) => ", documents needed (over de minimis)",
                    (false, true) => ", documents needed (by rule)",
                    (false, false) => "",
                };
                format!("assessed: {open}{documents}")
            }
            None => "assessed".into(),
        },
        ParcelCheck::Xray if parcel.xray_alarm == Some(true) => "X-ray ALARM".into(),
        ParcelCheck::Xray => "X-ray clear".into(),
        ParcelCheck::Open { .. } => match (parcel.found, parcel.outcome()) {
            (true, super::parcel::Outcome::Seized) => "opened: SEIZED".into(),
            (true, _) => "opened: goods worth more than declared, HELD for duty".into(),
            (false, _) => "opened: nothing found".into(),
        },
        ParcelCheck::Documents { .. } if parcel.held => "documents: HELD".into(),
        ParcelCheck::Documents { .. } => "documents: in order, released".into(),
    }
}
