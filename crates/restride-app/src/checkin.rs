//! The daily check-in: one a day, saved again to edit it.

use restride_core::wellness::WellnessForm;
use restride_core::{SetbackKind, Wellness, WellnessProblem};
use restride_store::KeyValue;

use crate::outcome::{Changed, Message, Outcome};
use crate::{App, Device};

impl<B: KeyValue, D: Device> App<B, D> {
    /// The check-in form: today's answers when there are some, else blank.
    pub fn check_in_form(&self, existing: Option<&Wellness>) -> WellnessForm {
        existing.map(WellnessForm::from_wellness).unwrap_or_default()
    }

    /// Saves today's check-in, replacing an earlier one of the same day, and, when
    /// the runner answered "ill or injured?" with one, reports it from today
    /// ([`App::report_setback`]: the plan pauses). Invalid answers come back as
    /// problems to show at their questions (nothing saved).
    pub fn check_in(
        &mut self,
        form: &WellnessForm,
        unwell: Option<SetbackKind>,
    ) -> Result<Outcome, Vec<WellnessProblem>> {
        let saved = self.save_check_in(form)?;
        Ok(match unwell {
            Some(kind) if !saved.is_error() => saved.and(self.report_setback(kind, "")),
            _ => saved,
        })
    }

    fn save_check_in(&mut self, form: &WellnessForm) -> Result<Outcome, Vec<WellnessProblem>> {
        let now = self.device.now();
        let day = form.validate(self.device.now_local().date_naive(), now)?;
        if let Err(e) = self.store.upsert_wellness(&day) {
            return Ok(Outcome::failed(e));
        }
        let days = &mut self.model.stored.wellness;
        // Newest first, one per date.
        match days.binary_search_by(|d| day.date.cmp(&d.date)) {
            Ok(i) => {
                if let Some(slot) = days.get_mut(i) {
                    *slot = day;
                }
            }
            Err(i) => days.insert(i, day),
        }
        let changed = Changed { wellness: true, ..Changed::default() };
        Ok(self.finish(Outcome::done(changed, Message::ok("Check-in saved."))))
    }
}

#[cfg(test)]
mod tests {
    use restride_core::LifeTag;
    use restride_store::MemoryBackend;

    use super::*;
    use crate::MessageKind;
    use crate::testing::{app, app_on};

    fn answers(stress: u8) -> WellnessForm {
        WellnessForm {
            sleep_hours: "7.5".into(),
            sleep_quality: Some(3),
            stress: Some(stress),
            fatigue: Some(4),
            soreness: Some(2),
            hydration: Some(4),
            motivation: Some(3),
            tags: vec![LifeTag::BusyWeek],
        }
    }

    #[test]
    fn one_check_in_a_day_saved_again_to_edit_it() {
        let mut a = app();
        let o = a.check_in(&answers(3), None).unwrap();
        assert_eq!(o.messages[0].kind, MessageKind::Ok);
        assert_eq!(o.messages[0].text, "Check-in saved.");
        assert_eq!(o.changed, Changed { wellness: true, ..Changed::default() });
        assert_eq!(a.model.stored.wellness.len(), 1);
        assert_eq!(a.model.stored.wellness[0].date.to_string(), "2026-11-23");
        // Edited the same day: replaced, and the form comes back with the answers.
        let _ = a.check_in(&answers(6), None).unwrap();
        assert_eq!(a.model.stored.wellness.len(), 1);
        assert_eq!(a.check_in_form(a.model.stored.wellness.first()).stress, Some(6));
        // The next day: a second one, newest first.
        a.device.set("2026-11-24T07:00:00+01:00");
        let _ = a.check_in(&answers(2), None).unwrap();
        let dates: Vec<String> = a.model.stored.wellness.iter().map(|w| w.date.to_string()).collect();
        assert_eq!(dates, ["2026-11-24", "2026-11-23"]);
        assert_eq!(a.store.load().unwrap().wellness, a.model.stored.wellness);
    }

    #[test]
    fn unanswered_items_or_full_storage_save_nothing() {
        let mut a = app();
        let problems =
            a.check_in(&WellnessForm { stress: None, ..answers(3) }, Some(SetbackKind::Ill)).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].field,
            restride_core::WellnessField::Hooper(restride_core::HooperItem::Stress)
        );
        assert_eq!(problems[0].message, "Rate your stress.");
        assert!(a.model.stored.setbacks.is_empty(), "nothing saved, the setback neither");
        assert_eq!(a.check_in_form(None), WellnessForm::default());
        let mut a = app_on(MemoryBackend::with_quota(50));
        let o = a.check_in(&answers(3), Some(SetbackKind::Ill)).unwrap();
        assert!(o.errors().next().unwrap().starts_with("Storage is full"));
        assert!(a.model.stored.wellness.is_empty());
        assert!(a.model.stored.setbacks.is_empty(), "a check-in not saved reports nothing");
    }

    #[test]
    fn saying_ill_in_the_check_in_pauses_from_today() {
        let mut a = app();
        let _ = a.plan_week();
        let o = a.check_in(&answers(3), Some(SetbackKind::Ill)).unwrap();
        let texts: Vec<&str> = o.messages.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts[0], "Check-in saved.");
        assert!(texts[1].starts_with("Marked ill from Mon 23 Nov"), "{texts:?}");
        assert!(o.changed.wellness && o.changed.setbacks && o.changed.plans, "{:?}", o.changed);
        assert_eq!(a.model.stored.wellness.len(), 1);
        assert_eq!(a.model.stored.setbacks.len(), 1);
        assert_eq!(a.this_week().unwrap().active().count(), 0, "the week is paused");
        // The check-in's undo is the setback's: the plan comes back, the check-in stays.
        let undo = o.messages.iter().find_map(|m| m.undo.clone()).unwrap();
        let _ = a.undo(undo);
        assert!(a.model.stored.setbacks.is_empty());
        assert_eq!(a.this_week().unwrap().active().count(), 3);
        assert_eq!(a.model.stored.wellness.len(), 1);
    }
}
