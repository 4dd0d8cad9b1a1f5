//! What a sanctions list holds once imported, whatever its file format: entries with names,
//! aliases, birth dates, nationalities and gender, plus the snapshot they came from.

use serde::{Deserialize, Serialize};

/// The published list an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListSource {
    /// OFAC Specially Designated Nationals (legacy CSV set: sdn, alt, add, sdn_comments).
    OfacSdn,
    /// OFAC consolidated non-SDN lists (same layout, `cons_` files).
    OfacConsolidated,
    /// UN Security Council consolidated list (XML).
    Un,
    /// US Consolidated Screening List (trade.gov CSV).
    UsCsl,
    /// EU consolidated financial sanctions list (XML).
    Eu,
    /// UK HM Treasury (OFSI) consolidated list (CSV).
    Uk,
}

impl ListSource {
    pub const ALL: [ListSource; 6] = [
        ListSource::OfacSdn,
        ListSource::OfacConsolidated,
        ListSource::Un,
        ListSource::UsCsl,
        ListSource::Eu,
        ListSource::Uk,
    ];

    /// Stable code used in files, CSV output and the database.
    pub fn code(self) -> &'static str {
        match self {
            ListSource::OfacSdn => "ofac_sdn",
            ListSource::OfacConsolidated => "ofac_consolidated",
            ListSource::Un => "un",
            ListSource::UsCsl => "us_csl",
            ListSource::Eu => "eu",
            ListSource::Uk => "uk",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ListSource::OfacSdn => "OFAC SDN",
            ListSource::OfacConsolidated => "OFAC consolidated (non-SDN)",
            ListSource::Un => "UN consolidated",
            ListSource::UsCsl => "US Consolidated Screening List",
            ListSource::Eu => "EU consolidated",
            ListSource::Uk => "UK consolidated (OFSI)",
        }
    }
}

/// What kind of party an entry is. Person queries are only matched against people and
/// entries of unknown kind; an organisation's name never flags a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Person,
    Organisation,
    Vessel,
    Aircraft,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// Reads the forms the lists and input files use (`Male`, `M`, `female`, `F`).
    pub fn parse(text: &str) -> Option<Gender> {
        match text.trim().to_ascii_lowercase().as_str() {
            "m" | "male" | "man" => Some(Gender::Male),
            "f" | "female" | "woman" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// How much a list trusts an alias. Weak (low-quality) aliases are still matched but
/// their score is discounted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasQuality {
    Strong,
    Weak,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub name: String,
    pub quality: AliasQuality,
}

/// A birth date as precise as the list (or the customer) gives it. A year-only date is a
/// year, never 1 January of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "precision", rename_all = "snake_case")]
pub enum PartialDate {
    Day {
        year: i32,
        month: u8,
        day: u8,
    },
    Month {
        year: i32,
        month: u8,
    },
    Year {
        year: i32,
    },
    /// `circa 1951`, UN `APPROXIMATELY`: the year give or take a couple of years.
    ApproximateYear {
        year: i32,
    },
    /// `1951 to 1953`, UN `BETWEEN`: inclusive years.
    YearRange {
        from: i32,
        to: i32,
    },
}

impl PartialDate {
    /// The inclusive range of years this date allows.
    pub fn years(self) -> (i32, i32) {
        match self {
            PartialDate::Day { year, .. }
            | PartialDate::Month { year, .. }
            | PartialDate::Year { year } => (year, year),
            PartialDate::ApproximateYear { year } => (year - 2, year + 2),
            PartialDate::YearRange { from, to } => (from.min(to), from.max(to)),
        }
    }

    /// Parses ISO forms (`1960-06-29`, `1960-06`, `1960`) as found in input files.
    pub fn parse_iso(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        let mut parts = text.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        if !(1000..=2999).contains(&year) {
            return None;
        }
        let month = match parts.next() {
            None => return Some(PartialDate::Year { year }),
            Some(m) => m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?,
        };
        let day = match parts.next() {
            None => return Some(PartialDate::Month { year, month }),
            Some(d) => d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate::Day { year, month, day })
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            PartialDate::Day { year, month, day } => write!(f, "{year:04}-{month:02}-{day:02}"),
            PartialDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            PartialDate::Year { year } => write!(f, "{year:04}"),
            PartialDate::ApproximateYear { year } => write!(f, "circa {year:04}"),
            PartialDate::YearRange { from, to } => write!(f, "{from:04} to {to:04}"),
        }
    }
}

/// One listed party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    pub source: ListSource,
    /// The list's own identifier (OFAC ent_num, UN reference number, CSL id...).
    pub id: String,
    pub kind: EntryKind,
    pub primary_name: String,
    pub aliases: Vec<Alias>,
    /// Names in their original script (UN `NAME_ORIGINAL_SCRIPT`), indexed as they are and
    /// transliterated.
    pub original_script_names: Vec<String>,
    pub birth_dates: Vec<PartialDate>,
    /// ISO 3166-1 alpha-2 codes, upper case, when the list's country could be read.
    pub nationalities: Vec<String>,
    pub gender: Option<Gender>,
    /// Sanctions programmes or list sub-types, for display.
    pub programs: Vec<String>,
}

impl ListEntry {
    pub fn new(
        source: ListSource,
        id: impl Into<String>,
        kind: EntryKind,
        name: impl Into<String>,
    ) -> Self {
        ListEntry {
            source,
            id: id.into(),
            kind,
            primary_name: name.into(),
            aliases: Vec::new(),
            original_script_names: Vec::new(),
            birth_dates: Vec::new(),
            nationalities: Vec::new(),
            gender: None,
            programs: Vec::new(),
        }
    }
}

/// What an import recorded about one list file set: enough for every screening result to
/// name the snapshot it was made against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotInfo {
    pub source: ListSource,
    /// The list's own version or publication date when it states one, else the import's.
    pub version: String,
    /// SHA-256 (hex) over the files read, in a fixed order.
    pub sha256: String,
    pub entries: usize,
    pub people: usize,
    pub aliases: usize,
    /// Records left out because they could not be read (only when an import was told to
    /// skip bad records; a strict import refuses the whole set instead).
    #[serde(default)]
    pub skipped: usize,
}

/// A whole list, parsed and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSnapshot {
    pub info: SnapshotInfo,
    pub entries: Vec<ListEntry>,
}
