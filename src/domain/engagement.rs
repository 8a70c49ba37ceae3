//! Check & Connect engagement in the four areas the seed measures: academic (time on task,
//! credits, homework completion), behavioral (attendance, suspensions, class participation,
//! extracurriculars), cognitive (self-regulation toward goals, relevance of schoolwork) and
//! affective (belonging, relationships). Counts add up over a month; 1–5 ratings average.

use super::YearMonth;
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    Academic,
    Behavioral,
    Cognitive,
    Affective,
}

impl Area {
    pub const ALL: [Area; 4] = [Area::Academic, Area::Behavioral, Area::Cognitive, Area::Affective];

    pub fn label(self) -> &'static str {
        match self {
            Area::Academic => "academic",
            Area::Behavioral => "behavioral",
            Area::Cognitive => "cognitive",
            Area::Affective => "affective",
        }
    }

    /// Two letters, for a trend in a narrow column (academic and affective share the first).
    pub fn short(self) -> &'static str {
        match self {
            Area::Academic => "Ac",
            Area::Behavioral => "Be",
            Area::Cognitive => "Co",
            Area::Affective => "Af",
        }
    }
}

/// One 1–5 rating, or several: their sum and how many, so a month's mean is exact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rating {
    sum: u32,
    n: u32,
}

impl Rating {
    /// One rating of 1 to 5.
    pub fn of(value: u32) -> Result<Rating, String> {
        if (1..=5).contains(&value) {
            Ok(Rating { sum: value, n: 1 })
        } else {
            Err(format!("'{value}' is not a rating from 1 to 5"))
        }
    }

    pub fn parse(text: &str) -> Result<Rating, String> {
        let value = text
            .trim()
            .parse()
            .map_err(|_| format!("'{text}' is not a rating from 1 to 5"))?;
        Rating::of(value)
    }

    /// The single rating this holds, when it holds one (a stored entry).
    pub fn single(self) -> Option<u32> {
        (self.n == 1).then_some(self.sum)
    }

    /// The mean rounded to a whole number, from the tenths shown elsewhere.
    pub fn whole(self) -> u32 {
        (self.tenths() + 5) / 10
    }

    /// The mean in tenths, rounded: the precision every screen shows it at.
    fn tenths(self) -> u32 {
        (self.sum * 10 + self.n / 2) / self.n.max(1)
    }

    /// The mean to one decimal, without a trailing ".0" (`3`, `3.5`).
    pub fn label(self) -> String {
        let tenths = self.tenths();
        if tenths.is_multiple_of(10) {
            (tenths / 10).to_string()
        } else {
            format!("{}.{}", tenths / 10, tenths % 10)
        }
    }
}

impl std::ops::Add for Rating {
    type Output = Rating;

    fn add(self, other: Rating) -> Rating {
        Rating {
            sum: self.sum + other.sum,
            n: self.n + other.n,
        }
    }
}

/// The counts of an entry, by the name they have in the form, the import and the database.
pub const COUNTS: [&str; 15] = [
    "absences",
    "tardies",
    "skips",
    "days_enrolled",
    "referrals",
    "detentions",
    "in_school_suspensions",
    "out_of_school_suspension_days",
    "ds",
    "fs",
    "credits_earned",
    "credits_possible",
    "homework_done",
    "homework_assigned",
    "extracurriculars",
];

/// The 1–5 ratings of an entry by name, with their area and the words for them. The last of each
/// area is the daily line's rating of the area as a whole.
pub const RATINGS: [(&str, Area, &str); 10] = [
    ("time_on_task", Area::Academic, "time on task"),
    ("academic", Area::Academic, "academic (daily)"),
    ("participation", Area::Behavioral, "class participation"),
    ("behavioral", Area::Behavioral, "behavioral (daily)"),
    ("self_regulation", Area::Cognitive, "self-regulation"),
    ("relevance", Area::Cognitive, "relevance"),
    ("cognitive", Area::Cognitive, "cognitive (daily)"),
    ("belonging", Area::Affective, "belonging"),
    ("relationships", Area::Affective, "relationships"),
    ("affective", Area::Affective, "affective (daily)"),
];

/// The ratings a daily line holds: one per area.
pub const DAILY: [&str; 4] = ["academic", "behavioral", "cognitive", "affective"];

/// One entry (a week, a month, a day) or a month of them rolled up. Unknown values are `None`
/// and never trigger a risk line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Engagement {
    pub absences: Option<u32>,
    pub tardies: Option<u32>,
    pub skips: Option<u32>,
    pub days_enrolled: Option<u32>,
    pub referrals: Option<u32>,
    pub detentions: Option<u32>,
    pub in_school_suspensions: Option<u32>,
    pub out_of_school_suspension_days: Option<u32>,
    pub ds: Option<u32>,
    pub fs: Option<u32>,
    pub credits_earned: Option<u32>,
    pub credits_possible: Option<u32>,
    pub homework_done: Option<u32>,
    pub homework_assigned: Option<u32>,
    pub extracurriculars: Option<u32>,
    /// In the order of [`RATINGS`].
    pub ratings: [Option<Rating>; 10],
}

impl Engagement {
    fn count_slot(&mut self, name: &str) -> Option<&mut Option<u32>> {
        Some(match name {
            "absences" => &mut self.absences,
            "tardies" => &mut self.tardies,
            "skips" => &mut self.skips,
            "days_enrolled" => &mut self.days_enrolled,
            "referrals" => &mut self.referrals,
            "detentions" => &mut self.detentions,
            "in_school_suspensions" => &mut self.in_school_suspensions,
            "out_of_school_suspension_days" => &mut self.out_of_school_suspension_days,
            "ds" => &mut self.ds,
            "fs" => &mut self.fs,
            "credits_earned" => &mut self.credits_earned,
            "credits_possible" => &mut self.credits_possible,
            "homework_done" => &mut self.homework_done,
            "homework_assigned" => &mut self.homework_assigned,
            "extracurriculars" => &mut self.extracurriculars,
            _ => return None,
        })
    }

    pub fn count(&self, name: &str) -> Option<u32> {
        let mut copy = *self;
        copy.count_slot(name).and_then(|slot| *slot)
    }

    fn rating_index(name: &str) -> Option<usize> {
        RATINGS.iter().position(|(n, _, _)| *n == name)
    }

    pub fn rating(&self, name: &str) -> Option<Rating> {
        Engagement::rating_index(name).and_then(|i| self.ratings[i])
    }

    /// Sets the count or rating `name` from its text (empty is unknown).
    pub fn set(&mut self, name: &str, text: &str) -> Result<(), String> {
        let text = text.trim();
        if let Some(i) = Engagement::rating_index(name) {
            self.ratings[i] = if text.is_empty() {
                None
            } else {
                Some(Rating::parse(text)?)
            };
            return Ok(());
        }
        let slot = self
            .count_slot(name)
            .ok_or_else(|| format!("no engagement value '{name}'"))?;
        *slot = if text.is_empty() {
            None
        } else {
            Some(
                text.parse()
                    .map_err(|_| format!("'{text}' is not a whole number"))?,
            )
        };
        Ok(())
    }

    /// Adds another entry of the same month: counts add up, ratings average.
    pub fn add(&mut self, other: &Engagement) {
        for name in COUNTS {
            let theirs = other.count(name);
            if let Some(slot) = self.count_slot(name) {
                *slot = match (*slot, theirs) {
                    (None, None) => None,
                    (x, y) => Some(x.unwrap_or(0) + y.unwrap_or(0)),
                };
            }
        }
        for (mine, theirs) in self.ratings.iter_mut().zip(other.ratings) {
            *mine = match (*mine, theirs) {
                (Some(a), Some(b)) => Some(a + b),
                (a, b) => a.or(b),
            };
        }
    }

    /// Every rating of `area` together: the month's level in that area.
    pub fn area(&self, area: Area) -> Option<Rating> {
        RATINGS
            .iter()
            .zip(self.ratings)
            .filter(|((_, a, _), _)| *a == area)
            .filter_map(|(_, r)| r)
            .reduce(std::ops::Add::add)
    }

    /// Whether the entry records anything at all.
    pub fn is_empty(&self) -> bool {
        *self == Engagement::default()
    }
}

/// Which way an area went from one month to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Same,
}

impl Direction {
    /// Compared at the precision shown (one decimal), so the arrow agrees with the figures.
    pub fn between(before: Option<Rating>, now: Option<Rating>) -> Option<Direction> {
        let (before, now) = (before?.tenths(), now?.tenths());
        Some(match now.cmp(&before) {
            std::cmp::Ordering::Greater => Direction::Up,
            std::cmp::Ordering::Less => Direction::Down,
            std::cmp::Ordering::Equal => Direction::Same,
        })
    }

    pub fn arrow(self, ascii: bool) -> &'static str {
        match (self, ascii) {
            (Direction::Up, false) => "↑",
            (Direction::Down, false) => "↓",
            (Direction::Up, true) => "^",
            (Direction::Down, true) => "v",
            (Direction::Same, _) => "=",
        }
    }
}

/// One area in a month, and which way it went from the month before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaTrend {
    pub area: Area,
    pub now: Option<Rating>,
    pub direction: Option<Direction>,
}

/// The four areas in `month` against the month before, from a student's monthly history.
pub fn area_trend(history: &[(YearMonth, Engagement)], month: YearMonth) -> [AreaTrend; 4] {
    let of = |m: YearMonth| history.iter().find(|(hm, _)| *hm == m).map(|(_, e)| e);
    let (now, before) = (of(month), of(month.prev()));
    Area::ALL.map(|area| {
        let now = now.and_then(|e| e.area(area));
        AreaTrend {
            area,
            now,
            direction: Direction::between(before.and_then(|e| e.area(area)), now),
        }
    })
}

/// A quick daily line about one student: the four areas, 1–5, and a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyLine {
    pub day: NaiveDate,
    pub entry: Engagement,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rated(pairs: &[(&str, &str)]) -> Engagement {
        let mut e = Engagement::default();
        for (name, value) in pairs {
            e.set(name, value).unwrap();
        }
        e
    }

    #[test]
    fn counts_add_up_and_ratings_average_by_area() {
        let mut month = rated(&[
            ("homework_done", "4"),
            ("homework_assigned", "5"),
            ("belonging", "2"),
        ]);
        month.add(&rated(&[
            ("homework_done", "3"),
            ("homework_assigned", "5"),
            ("belonging", "4"),
            ("relationships", "5"),
        ]));
        month.add(&rated(&[("affective", "3"), ("cognitive", "2")]));
        assert_eq!(
            (month.homework_done, month.homework_assigned),
            (Some(7), Some(10))
        );
        assert_eq!(month.extracurriculars, None);
        // Affective: belonging 2 and 4, relationships 5, the daily 3: 14 / 4.
        assert_eq!(month.area(Area::Affective).unwrap().label(), "3.5");
        assert_eq!(month.rating("belonging").unwrap().label(), "3");
        assert_eq!(month.area(Area::Cognitive).unwrap().label(), "2");
        assert_eq!(month.area(Area::Academic), None);
        assert_eq!(month.area(Area::Behavioral), None);
    }

    #[test]
    fn each_area_against_the_month_before() {
        let oct: YearMonth = "2026-10".parse().unwrap();
        let nov = oct.next();
        let history = [
            (
                nov,
                rated(&[
                    ("time_on_task", "4"),
                    ("belonging", "2"),
                    ("self_regulation", "3"),
                ]),
            ),
            (
                oct,
                rated(&[
                    ("time_on_task", "3"),
                    ("belonging", "3"),
                    ("self_regulation", "3"),
                ]),
            ),
        ];
        let trend = area_trend(&history, nov);
        let shown: Vec<_> = trend
            .iter()
            .map(|t| (t.area, t.now.map(Rating::label), t.direction))
            .collect();
        assert_eq!(
            shown,
            [
                (Area::Academic, Some("4".into()), Some(Direction::Up)),
                (Area::Behavioral, None, None),
                (Area::Cognitive, Some("3".into()), Some(Direction::Same)),
                (Area::Affective, Some("2".into()), Some(Direction::Down)),
            ]
        );
        let first = area_trend(&history, oct);
        assert!(first.iter().all(|t| t.direction.is_none()), "no month before");
    }

    #[test]
    fn values_are_checked_by_kind() {
        let mut e = Engagement::default();
        assert!(e.set("belonging", "0").is_err());
        assert!(e.set("belonging", "6").is_err());
        assert!(e.set("belonging", "x").is_err());
        assert!(e.set("absences", "-1").is_err());
        assert!(e.set("nothing", "1").is_err());
        e.set("belonging", " ").unwrap();
        assert!(e.is_empty());
        e.set("extracurriculars", "12").unwrap();
        assert_eq!(e.count("extracurriculars"), Some(12));
    }

    #[test]
    fn means_round_to_one_decimal_and_arrows_follow_them() {
        let two_and = |a: u32, b: u32| Rating::of(a).unwrap() + Rating::of(b).unwrap();
        let third = two_and(3, 3) + Rating::of(4).unwrap();
        assert_eq!(third.label(), "3.3");
        assert_eq!(two_and(4, 5).label(), "4.5");
        assert_eq!(
            (third.whole(), two_and(4, 5).whole()),
            (3, 5),
            "as shown, rounded"
        );
        let r = |v| Some(Rating::of(v).unwrap());
        assert_eq!(Direction::between(r(3), r(4)), Some(Direction::Up));
        assert_eq!(Direction::between(r(4), r(2)), Some(Direction::Down));
        assert_eq!(
            Direction::between(r(3), Some(two_and(3, 3))),
            Some(Direction::Same)
        );
        assert_eq!(Direction::between(None, r(3)), None);
    }
}
