//! Reading what a learner typed or linked: delays, words, modes and share links.
//!
//! Every check lives here, so the form, the share link and the tests agree on what
//! is valid and say the same thing about what is not.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::number;
use crate::scenario::{Call, Mode, Scenario};

/// The longest delay accepted: 24 hours, in seconds.
pub const MAX_DELAY_SECS: f64 = 86_400.0;
/// The longest word accepted, in characters.
pub const MAX_WORD_CHARS: usize = 200;
/// The most calls a scenario may list.
pub const MAX_CALLS: usize = 1000;
/// The most calls `main()` may make in all: its calls times `repeat`.
pub const MAX_CALLS_MADE: usize = 10_000;
/// The longest share-link query read, in bytes: room for the longest program, encoded.
pub const MAX_QUERY_BYTES: usize = 64 * 1024;
/// The longest program a link or the editor carries, in bytes of UTF-8 source.
pub const MAX_CODE_BYTES: usize = 16 * 1024;

/// Parses a delay in seconds as typed, or says what is wrong with it.
pub fn parse_delay(text: &str) -> Result<f64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter a delay in seconds.".to_owned());
    }
    let delay = number::parse(text).ok_or_else(|| format!("“{}” is not a number of seconds.", shorten(text)))?;
    if !delay.is_finite() {
        Err("A delay must be a finite number of seconds.".to_owned())
    } else if delay < 0.0 {
        Err("A delay can't be negative.".to_owned())
    } else if delay > MAX_DELAY_SECS {
        Err("A delay can't be over 24 hours (86400 s).".to_owned())
    } else {
        // -0 would be printed as "-0" in the generated code; it means 0.
        Ok(delay + 0.0)
    }
}

/// Says what is wrong with a word, if anything.
pub fn check_word(word: &str) -> Result<(), String> {
    let chars = word.chars().count();
    if chars > MAX_WORD_CHARS {
        Err(format!("A word can't be over {MAX_WORD_CHARS} characters (this one has {chars})."))
    } else if word.chars().any(char::is_control) {
        Err("A word can't contain line breaks or other control characters.".to_owned())
    } else {
        Ok(())
    }
}

/// Reads how many times over `main()` makes its calls, as typed: a whole number from 1.
pub fn parse_repeat(text: &str) -> Result<u32, String> {
    let text = text.trim();
    match text.parse::<u32>() {
        Ok(n) if n >= 1 && n as usize <= MAX_CALLS_MADE => Ok(n),
        _ if text.is_empty() => Err("Enter how many times to make the calls (1: once).".to_owned()),
        _ => Err(format!("“{}” is not a whole number from 1 to {MAX_CALLS_MADE}.", shorten(text))),
    }
}

/// Says whether `calls` calls made `repeat` times over are within [`MAX_CALLS_MADE`].
pub fn check_calls_made(calls: usize, repeat: u32) -> Result<(), String> {
    match calls * repeat as usize {
        made if made > MAX_CALLS_MADE => Err(format!(
            "{calls} calls {repeat} times over make {made} calls; main() may make at most {MAX_CALLS_MADE}."
        )),
        _ => Ok(()),
    }
}

/// Reads one `say_after(delay, word)` call.
pub fn parse_call(delay: &str, word: &str) -> Result<Call, String> {
    let delay = parse_delay(delay)?;
    check_word(word)?;
    Ok(Call { delay, word: word.to_owned() })
}

/// Reads a list of calls, each given as (delay, word); errors name the call.
pub fn parse_calls<'a>(calls: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Vec<Call>, String> {
    let calls = calls
        .into_iter()
        .enumerate()
        .map(|(i, (delay, word))| parse_call(delay, word).map_err(|e| format!("Call {}: {e}", i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    match calls.len() {
        0 => Err("Add at least one call.".to_owned()),
        n if n > MAX_CALLS => Err(format!("At most {MAX_CALLS} calls (this has {n}).")),
        _ => Ok(calls),
    }
}

impl Mode {
    pub const ALL: [Mode; 4] = [Mode::Sequential, Mode::Tasks, Mode::Gather, Mode::TaskGroup];

    /// The mode's name in share links and in the form.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Sequential => "sequential",
            Mode::Tasks => "tasks",
            Mode::Gather => "gather",
            Mode::TaskGroup => "taskgroup",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|mode| mode.name() == name)
    }

    /// The mode as the form offers it.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Sequential => "one after another: await say_after(…)",
            Mode::Tasks => "as tasks: asyncio.create_task(…)",
            Mode::Gather => "asyncio.gather(…)",
            Mode::TaskGroup => "asyncio.TaskGroup()",
        }
    }

    /// The mode in a sentence: "the same calls … take 2 s".
    pub fn phrase(self) -> &'static str {
        match self {
            Mode::Sequential => "one after another",
            Mode::Tasks => "as tasks",
            Mode::Gather => "with gather",
            Mode::TaskGroup => "in a TaskGroup",
        }
    }
}

/// What a share link asks for. Whatever was wrong in it is left out, so the form
/// keeps its defaults there, and described in `notices`.
#[derive(Debug, Default, PartialEq)]
pub struct Link {
    pub mode: Option<Mode>,
    pub calls: Option<Vec<Call>>,
    /// How many times over `main()` makes the calls, if the link says.
    pub repeat: Option<u32>,
    pub autorun: bool,
    /// The moment to open the run's replay at, in ideal ms.
    pub at: Option<f64>,
    /// Or the event to open it at: the moment after the first `event` events.
    pub event: Option<usize>,
    /// Whether the replay steps by line (`lines=1`): it opens on the first line run at
    /// or after that moment (the start, without one).
    pub lines: bool,
    /// A program of the learner's own (`code=`): it replaces the form's.
    pub code: Option<String>,
    /// Whether that program runs as a notebook cell (`cell=1`), its loop running already.
    pub cell: bool,
    /// A stop of the tour (`tour=semaphore`): a name, which the page looks up.
    pub tour: Option<String>,
    /// Whether the page is laid out for a course page's frame (`embed=1`).
    pub embed: bool,
    /// Whether the page's text is large, for a projector (`font=large`).
    pub large: bool,
    pub notices: Vec<String>,
}

/// The largest event number a link may name (far more than a run records).
pub const MAX_EVENT: usize = 1_000_000_000;

/// The longest name a tour stop may have.
pub const MAX_TOUR_NAME: usize = 40;

/// The most parts the parallelism scene splits its job into (tasks, and workers).
pub const MAX_PARTS: u32 = 16;
/// The most numbers the parallelism scene counts the primes of.
pub const MAX_PRIMES_LIMIT: u32 = 20_000_000;

/// Reads how many parts to split the parallelism scene's job into, as typed.
pub fn parse_parts(text: &str) -> Result<u32, String> {
    let text = text.trim();
    match text.parse::<u32>() {
        Ok(n) => check_parts(n)
            .map_err(|_| format!("“{}” is not a whole number of parts from 1 to {MAX_PARTS}.", shorten(text))),
        _ if text.is_empty() => Err("Enter how many parts to split the job into.".to_owned()),
        _ => Err(format!("“{}” is not a whole number of parts from 1 to {MAX_PARTS}.", shorten(text))),
    }
}

/// Says whether the parallelism scene's job may be split into `parts` parts.
pub fn check_parts(parts: u32) -> Result<u32, String> {
    match parts {
        1..=MAX_PARTS => Ok(parts),
        _ => Err(format!("Split the job into 1 to {MAX_PARTS} parts, not {parts}.")),
    }
}

/// Says whether the parallelism scene may count the primes below `limit`.
pub fn check_primes_limit(limit: u32) -> Result<(), String> {
    match limit {
        2..=MAX_PRIMES_LIMIT => Ok(()),
        _ => Err(format!("Count the primes below 2 to {MAX_PRIMES_LIMIT}, not {limit}.")),
    }
}

/// Reads a share link's query (`location.search`, with or without its `?`):
/// `mode=…&calls=delay:word,…&repeat=3&autorun=1&at=1500` (or `event=10`), words
/// percent-encoded UTF-8.
pub fn read_link(search: &str) -> Link {
    let query = search.strip_prefix('?').unwrap_or(search);
    let mut link = Link::default();
    if query.len() > MAX_QUERY_BYTES {
        link.notices.push(format!(
            "The link's query is {} KB, over the {} KB limit, so all of it was ignored.",
            query.len().div_ceil(1024),
            MAX_QUERY_BYTES / 1024
        ));
        return link;
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut autorun = false;
    // Whether part of the scenario itself (its mode or calls) had to be ignored.
    let mut rejected = false;
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if seen.contains(&key) {
            link.notices.push(format!("“{}” was given more than once; only the first was used.", shorten(key)));
            continue;
        }
        seen.push(key);
        match key {
            "mode" => match decode(value).ok().as_deref().and_then(Mode::from_name) {
                Some(mode) => link.mode = Some(mode),
                None => {
                    rejected = true;
                    link.notices.push(format!(
                        "Ignored mode “{}”: it is not one of sequential, tasks, gather or taskgroup.",
                        shorten(value)
                    ))
                }
            },
            "calls" => match read_calls(value) {
                Ok(calls) => link.calls = Some(calls),
                Err(why) => {
                    rejected = true;
                    link.notices.push(format!("Ignored the link's calls: {why}"))
                }
            },
            "repeat" => match parse_repeat(value) {
                Ok(n) => link.repeat = Some(n),
                Err(why) => {
                    rejected = true;
                    link.notices.push(format!("Ignored repeat: {why}"))
                }
            },
            "autorun" => match value {
                "1" => autorun = true,
                "0" => {}
                _ => link.notices.push(format!("Ignored autorun “{}”: use 1 or 0.", shorten(value))),
            },
            "code" => match decode_code(value) {
                Ok(code) => link.code = Some(code),
                Err(why) => {
                    rejected = true;
                    link.notices.push(format!("Ignored the link's code: {why}"))
                }
            },
            "cell" => match value {
                "1" => link.cell = true,
                "0" => {}
                _ => link.notices.push(format!("Ignored cell “{}”: use 1 or 0.", shorten(value))),
            },
            "tour" => match decode(value) {
                Ok(name)
                    if !name.is_empty()
                        && name.len() <= MAX_TOUR_NAME
                        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
                {
                    link.tour = Some(name)
                }
                _ => link.notices.push(format!(
                    "Ignored tour “{}”: a tour stop is named in lowercase letters, digits and dashes.",
                    shorten(value)
                )),
            },
            "at" => match number::parse(value) {
                Some(ms) if ms.is_finite() && ms >= 0.0 => link.at = Some(ms + 0.0),
                _ => link.notices.push(format!(
                    "Ignored at “{}”: use a time in milliseconds from the start, like at=1500.",
                    shorten(value)
                )),
            },
            "embed" => match value {
                "1" => link.embed = true,
                "0" => {}
                _ => link.notices.push(format!("Ignored embed “{}”: use 1 or 0.", shorten(value))),
            },
            "font" => match value {
                "large" => link.large = true,
                "normal" => {}
                _ => link.notices.push(format!("Ignored font “{}”: use large or normal.", shorten(value))),
            },
            "lines" => match value {
                "1" => link.lines = true,
                "0" => {}
                _ => link.notices.push(format!("Ignored lines “{}”: use 1 or 0.", shorten(value))),
            },
            "event" => match value.parse::<usize>() {
                Ok(n) if !value.starts_with('+') && n <= MAX_EVENT => link.event = Some(n),
                _ => link.notices.push(format!(
                    "Ignored event “{}”: use the number of an event of the run, like event=10.",
                    shorten(value)
                )),
            },
            _ => link.notices.push(format!("Ignored unknown parameter “{}”.", shorten(key))),
        }
    }
    if link.at.is_some() && link.event.take().is_some() {
        link.notices.push("Ignored event: the link gives a time (at) already.".to_owned());
    }
    if link.code.is_some() && (link.mode.is_some() || link.calls.is_some() || link.repeat.is_some()) {
        link.notices.push("The link carries code, which runs instead of the form's program.".to_owned());
    }
    if link.cell && link.code.is_none() && link.tour.is_none() {
        link.cell = false;
        link.notices.push("Ignored cell=1: it says how a link's code runs, and this link carries none.".to_owned());
    }
    if let (Some(calls), Some(repeat)) = (&link.calls, link.repeat) {
        if let Err(why) = check_calls_made(calls.len(), repeat) {
            rejected = true;
            link.repeat = None;
            link.notices.push(format!("Ignored repeat: {why}"));
        }
    }
    // A scenario the link did not fully describe is not run behind the learner's back.
    link.autorun = autorun && !rejected;
    if autorun && !link.autorun {
        link.notices.push("Not run automatically, because part of the link was ignored.".to_owned());
    }
    if rejected && (link.at.take().is_some() | link.event.take().is_some() | std::mem::take(&mut link.lines)) {
        link.notices.push("Not opened at a moment of the run, because part of the link was ignored.".to_owned());
    }
    link
}

fn read_calls(value: &str) -> Result<Vec<Call>, String> {
    let pairs = value
        .split(',')
        .enumerate()
        .map(|(i, pair)| {
            let (delay, word) = pair
                .split_once(':')
                .ok_or_else(|| format!("Call {} (“{}”) is not delay:word.", i + 1, shorten(pair)))?;
            let decoded = decode(delay).and_then(|delay| Ok((delay, decode(word)?)));
            decoded.map_err(|e| format!("Call {}: {e}", i + 1))
        })
        .collect::<Result<Vec<_>, _>>()?;
    parse_calls(pairs.iter().map(|(delay, word)| (delay.as_str(), word.as_str())))
}

/// A program from a link: percent-decoded UTF-8, at most [`MAX_CODE_BYTES`], line
/// breaks as `\n`. Never cut: a program too long is refused whole.
pub fn decode_code(value: &str) -> Result<String, String> {
    // A `+` is a space in a query, as forms encode it.
    let code = decode(&value.replace('+', " ")).map_err(|_| "it is not UTF-8 text.".to_owned())?;
    let code = code.replace("\r\n", "\n").replace('\r', "\n");
    check_code(&code)?;
    Ok(code)
}

/// Says what is wrong with a program's size, if anything.
pub fn check_code(code: &str) -> Result<(), String> {
    if code.len() > MAX_CODE_BYTES {
        return Err(format!(
            "it is {} KB, over the {} KB a program may have.",
            code.len().div_ceil(1024),
            MAX_CODE_BYTES / 1024
        ));
    }
    if code.trim().is_empty() {
        return Err("it is empty.".to_owned());
    }
    Ok(())
}

/// The share-link query that carries program `code`, run as a notebook cell if `cell`.
pub fn write_code_link(code: &str, cell: bool, autorun: bool, at: Option<f64>) -> String {
    let mut query = format!("code={}", utf8_percent_encode(code, COMPONENT));
    if cell {
        query.push_str("&cell=1");
    }
    if autorun {
        query.push_str("&autorun=1");
    }
    if let Some(at) = at {
        query.push_str(&format!("&at={}", number::shortest(at)));
    }
    query
}

fn decode(text: &str) -> Result<String, String> {
    match percent_decode_str(text).decode_utf8() {
        Ok(decoded) => Ok(decoded.into_owned()),
        Err(_) => Err("its percent-encoding is not UTF-8 text.".to_owned()),
    }
}

/// Everything but unreserved characters is escaped, so `,` `:` `&` in words survive.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The share-link query (without `?`) that [`read_link`] reads back as `scenario`,
/// opened at the moment `at` (ideal ms) if given.
pub fn write_link(scenario: &Scenario, autorun: bool, at: Option<f64>) -> String {
    let calls: Vec<String> = scenario
        .calls
        .iter()
        .map(|call| format!("{}:{}", number::shortest(call.delay), utf8_percent_encode(&call.word, COMPONENT)))
        .collect();
    let mut query = format!("mode={}&calls={}", scenario.mode.name(), calls.join(","));
    if scenario.repeat > 1 {
        query.push_str(&format!("&repeat={}", scenario.repeat));
    }
    if autorun {
        query.push_str("&autorun=1");
    }
    if let Some(at) = at {
        query.push_str(&format!("&at={}", number::shortest(at)));
    }
    query
}

/// Quotes at most 40 characters of user text back in a message.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
