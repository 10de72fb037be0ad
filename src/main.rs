//! The command line: parse arguments and the config, load the page (or a folder of pages),
//! then export it or open the reader, and map errors to `kanbao: <file>: <why>` and exit
//! status 1. Usage errors are clap's (exit 2).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, ValueEnum};

use kanbao::config;
use kanbao::page::{self, export, model::Page};
use kanbao::reader::state::{Memory, page_key};
use kanbao::reader::{self, App, Exit, ExitAfter};
use kanbao::source::{self, Source};
use kanbao::text::decode::encoding_for_label;
use kanbao::text::keywords::{MAX_KEYWORDS, analyzer};
use kanbao::text::sanitize::sanitize;
use kanbao::text::width::Ambiguous;

/// 看报 — read a Chinese newspaper page in the terminal.
///
/// kanbao puts the tangled text of a multi-column page back together: articles whole, broken
/// paragraphs joined, the banner and the quote cards set apart.
#[derive(Debug, Parser)]
#[command(name = "kanbao", version)]
struct Cli {
    /// The page: a text file (UTF-8, GB18030/GBK, Big5, UTF-16), a folder of `*.txt` pages
    /// read as one issue, `-` for standard input; with none, standard input when something is
    /// piped in, else the bundled sample page.
    page: Option<PathBuf>,
    /// Print the reconstructed page instead of opening the reader (a folder: every page).
    #[arg(long, value_enum)]
    export: Option<Format>,
    /// Keywords per article (0 for none); the config's `keywords` otherwise (8).
    #[arg(long, value_name = "N", value_parser = keywords_arg, value_hint = clap::ValueHint::Other)]
    keywords: Option<usize>,
    /// Read the page in this encoding instead of detecting it (utf-8, gb18030, gbk, big5,
    /// utf-16le, utf-16be).
    #[arg(long, value_name = "NAME", value_hint = clap::ValueHint::Other)]
    encoding: Option<String>,
    /// Show how each block of the page was read and placed, then exit.
    #[arg(long)]
    explain: bool,
    /// Let the mouse scroll panes, pick tabs and jump from cards. (Capturing the mouse stops
    /// the terminal's own text selection, which is why it is off by default.)
    #[arg(long)]
    mouse: bool,
    /// No mouse, whatever the config says.
    #[arg(long, conflicts_with = "mouse")]
    no_mouse: bool,
    /// Count East Asian ambiguous characters (“ ” … ■ ·) as two cells, for terminals that
    /// draw them wide.
    #[arg(long)]
    ambiguous_wide: bool,
    /// The configuration file to read instead of $XDG_CONFIG_HOME/kanbao/config.toml.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Print the full default configuration, commented, and exit.
    #[arg(long)]
    print_config: bool,
    /// Start at the top, ignoring the remembered reading position (which is still saved).
    #[arg(long)]
    fresh: bool,
    /// Print shell completions and exit.
    #[arg(long, value_enum, value_name = "SHELL")]
    completions: Option<clap_complete::Shell>,
    /// Print the manual page (roff) and exit.
    #[arg(long)]
    man: bool,
    /// Draw the first frame and exit (into an off-screen 120×40 buffer when standard output
    /// is not a terminal): start-up measured as a whole process.
    #[arg(long, conflicts_with_all = ["export", "explain"])]
    exit_after_first_frame: bool,
    /// Wait for the background analysis, draw, and exit (off-screen as above).
    #[arg(long, conflicts_with_all = ["export", "explain", "exit_after_first_frame"])]
    exit_after_ready: bool,
}

/// `--keywords`: a count from 0 to [`MAX_KEYWORDS`].
fn keywords_arg(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n <= MAX_KEYWORDS => Ok(n),
        _ => Err(format!("expected a number from 0 to {MAX_KEYWORDS}")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Text,
    Markdown,
}

/// A line to standard error. Unlike `eprintln!`, a terminal that is gone (its window closed
/// under the reader) is not a panic: the reading positions are still to be saved.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let source = Source::from_arg(cli.page.as_deref(), std::io::stdin().is_terminal());
    match run(&cli, &source) {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(sig)) => ExitCode::from(128u8.saturating_add(sig as u8)),
        Err(e) => {
            // A config error names its own file; a page's name is the user's, but it may hold
            // anything, so it is shown sanitised.
            let msg = format!("{e:#}");
            if e.downcast_ref::<config::ConfigError>().is_some() || msg.starts_with("config: ") {
                say!("kanbao: {}", sanitize(msg.trim_start_matches("config: ")).replace('\n', " "));
            } else {
                say!("kanbao: {}: {}", sanitize(&source.name()).replace('\n', " "), sanitize(&msg));
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli, source: &Source) -> anyhow::Result<Exit> {
    if cli.print_config {
        print(&config::default_text())?;
        return Ok(Exit::Quit);
    }
    if let Some(shell) = cli.completions {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "kanbao", &mut out);
        print(&String::from_utf8_lossy(&out))?;
        return Ok(Exit::Quit);
    }
    if cli.man {
        let mut out = Vec::new();
        clap_mangen::Man::new(Cli::command()).render(&mut out)?;
        let mut man = String::from_utf8_lossy(&out).into_owned();
        man.push_str(&man_sections());
        print(&man)?;
        return Ok(Exit::Quit);
    }
    let settings = config::load(cli.config.as_deref()).map_err(|e| anyhow::anyhow!("config: {e:#}"))?;
    let mut opts = settings.options;
    if let Some(k) = cli.keywords {
        opts.keywords = k;
    }
    opts.mouse = (opts.mouse || cli.mouse) && !cli.no_mouse;
    if cli.ambiguous_wide {
        opts.ambiguous = Ambiguous::Wide;
    }
    let encoding = cli.encoding.as_deref().map(encoding_for_label).transpose()?;
    if *source == Source::Stdin && std::io::stdin().is_terminal() {
        say!("kanbao: reading the page from standard input; end it with Ctrl-D");
    }
    // Pages by name and sanitised text: one, or a folder's.
    let pages: Vec<(String, String)> = match source {
        Source::Dir(dir) => {
            let folder = source::load_dir(dir, encoding)?;
            for w in folder.warnings {
                say!("kanbao: warning: skipped {}", sanitize(&w).replace('\n', " "));
            }
            folder.pages.into_iter().map(|(name, l)| (name, l.text)).collect()
        }
        _ => vec![(source.name(), source::load(source, encoding)?.text)],
    };
    if cli.explain {
        for (name, text) in &pages {
            if pages.len() > 1 {
                print(&format!("== {}\n", sanitize(name)))?;
            }
            let (_, trace) = page::reconstruct_traced(text);
            print(&explain(&trace))?;
        }
        return Ok(Exit::Quit);
    }
    let exit_after = if cli.exit_after_first_frame {
        Some(ExitAfter::FirstFrame)
    } else if cli.exit_after_ready {
        Some(ExitAfter::Ready)
    } else {
        None
    };
    let tty = std::io::stdout().is_terminal();
    // The reader needs a terminal; piped output gets the text export instead, unless start-up
    // is being measured.
    let format = match (cli.export, exit_after) {
        (Some(f), _) => f,
        (None, Some(at)) if !tty => {
            return reader::run_offscreen(App::with_issue(pages, opts), at).map(|(e, _)| e);
        }
        (None, at) if tty => {
            let folder = match source {
                Source::Dir(dir) => Some(kanbao::reader::state::folder_key(dir)),
                _ => None,
            };
            return read(pages, opts, at, cli.fresh, folder);
        }
        (None, _) => Format::Text,
    };
    // The export needs the segmenter for keywords; build it while the pages are reconstructed,
    // which does not need it. (The reader builds it in the background instead.)
    let keywords = opts.keywords;
    let warm = (keywords > 0).then(|| {
        std::thread::spawn(|| {
            let _ = analyzer();
        })
    });
    let mut built: Vec<Page> = pages.iter().map(|(_, t)| page::reconstruct(t)).collect();
    if keywords > 0 {
        if let Some(w) = warm {
            let _ = w.join();
        }
        for p in &mut built {
            page::add_keywords(p, analyzer(), keywords);
        }
    }
    let out = if let (Source::Dir(_), Format::Json) = (source, format) {
        // An issue: each page's kanbao/1 document with the file it came from, in name order.
        let issue: Vec<serde_json::Value> = pages
            .iter()
            .zip(&built)
            .map(|((name, _), p)| Ok(serde_json::json!({ "file": name, "page": serde_json::to_value(p)? })))
            .collect::<Result<_, serde_json::Error>>()?;
        let mut s = serde_json::to_string_pretty(&issue)?;
        s.push('\n');
        s
    } else {
        let one = |p: &Page| match format {
            Format::Json => export::json(p),
            Format::Text => export::text(p),
            Format::Markdown => export::markdown(p),
        };
        let parts: Vec<String> = pages
            .iter()
            .zip(&built)
            .map(|((name, _), p)| {
                if built.len() > 1 {
                    format!("==== {}\n\n{}", sanitize(name).replace('\n', " "), one(p))
                } else {
                    one(p)
                }
            })
            .collect();
        parts.join("\n\n")
    };
    print(&out)?;
    Ok(Exit::Quit)
}

/// The reader, with the reading positions remembered across runs (and a folder's page), kept
/// however the reader ends.
fn read(
    pages: Vec<(String, String)>,
    opts: reader::Options,
    exit_after: Option<ExitAfter>,
    fresh: bool,
    folder: Option<String>,
) -> anyhow::Result<Exit> {
    let memory = kanbao::reader::state::default_path().map(|p| {
        let (m, warning) = Memory::load(&p);
        if let Some(w) = warning {
            say!("kanbao: warning: {}", sanitize(&w));
        }
        m
    });
    let keys: Vec<String> = pages.iter().map(|(_, t)| page_key(t)).collect();
    let mut app = App::with_issue(pages, opts);
    if let Some(m) = memory.as_ref().filter(|_| !fresh) {
        for (i, key) in keys.iter().enumerate() {
            if let Some(v) = m.get(key) {
                if i == 0 {
                    app.restore_view(v);
                } else {
                    app.issue[i].view = Some(v.clone());
                }
            }
        }
        if let Some(name) = folder.as_ref().and_then(|f| m.folder_page(f)) {
            app.open_page(name);
        }
    }
    let (exit, app) = reader::run(app, exit_after);
    if let Some(mut m) = memory {
        for (key, view) in app.views() {
            m.set(key, view);
        }
        if let Some(f) = folder {
            m.set_folder_page(f, app.page_name().to_owned());
        }
        if let Err(e) = m.save() {
            say!(
                "kanbao: warning: cannot save the reading positions in {}: {e}",
                sanitize(&m.path().display().to_string())
            );
        }
    }
    exit
}

/// Escape text for roff: backslashes, and a leading `.` or `'` that would read as a request.
fn roff(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    if s.starts_with(['.', '\'']) { format!("\\&{s}") } else { s }
}

/// The manual's sections beyond the options: keys (from the keymap table, as the help is),
/// files, environment, exit status.
fn man_sections() -> String {
    use kanbao::reader::keymap::Keymap;
    let mut out = String::from(".SH KEYS\n");
    for (keys, what) in Keymap::default().help_rows() {
        if keys.is_empty() {
            out.push_str(&format!(".SS {}\n", roff(what)));
        } else {
            out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", roff(&keys), roff(what)));
        }
    }
    out.push_str(concat!(
        ".SH FILES\n",
        ".TP\n$XDG_CONFIG_HOME/kanbao/config.toml (else ~/.config/kanbao/config.toml)\n",
        "The configuration; \\fBkanbao \\-\\-print\\-config\\fR prints the default, commented.\n",
        ".TP\n$XDG_STATE_HOME/kanbao/positions.json (else ~/.local/state/kanbao/positions.json)\n",
        "Where you stood on the last 500 pages read, and the page last read in each folder.\n",
        ".SH ENVIRONMENT\n",
        ".TP\nNO_COLOR\nSet to anything: no colour at all, whatever the configuration says.\n",
        ".TP\nXDG_CONFIG_HOME, XDG_STATE_HOME, HOME\nWhere the files above are.\n",
        ".SH EXIT STATUS\n",
        ".TP\n0\nThe reader was quit, or the export or listing was written.\n",
        ".TP\n1\nThe page, the folder or the configuration could not be read; one line on standard error says why.\n",
        ".TP\n2\nThe command line was wrong.\n",
        ".TP\n128+n\nEnded by signal n (SIGHUP, SIGINT, SIGTERM), the terminal restored.\n",
    ));
    out
}

/// Write to standard output; a closed pipe (`kanbao … | head`) is not an error.
fn print(s: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

fn explain(trace: &page::Trace) -> String {
    let mut s = String::new();
    for (i, (b, k)) in trace.blocks.iter().zip(&trace.kinds).enumerate() {
        let place = match trace.placement[i] {
            Some(d) if d.join => format!("continues article {}", d.article + 1),
            Some(d) => format!("new paragraph of article {}", d.article + 1),
            None => String::new(),
        };
        // Long texts shown by their start and end; short ones whole.
        let n = b.text.chars().count();
        let (head, tail): (String, String) = if n > 34 {
            let tail: String = b.text.chars().skip(n - 8).collect();
            (b.text.chars().take(24).collect(), format!("…{tail}"))
        } else {
            (b.text.clone(), String::new())
        };
        s.push_str(&format!(
            "{:>4} line {:>4}  {:<11} {:<30} {head}{tail}\n",
            i + 1,
            b.line,
            format!("{k:?}"),
            place
        ));
    }
    s
}
