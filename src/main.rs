//! The command line: parse arguments, load the page, then export it or open the reader, and
//! map errors to `kanbao: <file>: <why>` and exit status 1. Usage errors are clap's (exit 2).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use kanbao::page::{self, export};
use kanbao::reader::{self, Exit, ExitAfter, Options};
use kanbao::source::{self, Source};
use kanbao::text::decode::encoding_for_label;
use kanbao::text::keywords::analyzer;
use kanbao::text::sanitize::sanitize;
use kanbao::text::width::Ambiguous;

/// 看报 — read a Chinese newspaper page in the terminal.
///
/// kanbao puts the tangled text of a multi-column page back together: articles whole, broken
/// paragraphs joined, the banner and the quote cards set apart.
#[derive(Debug, Parser)]
#[command(name = "kanbao", version)]
struct Cli {
    /// The page: a text file (UTF-8 or GB18030/GBK), `-` for standard input, or nothing for
    /// the bundled sample page.
    page: Option<PathBuf>,
    /// Print the reconstructed page instead of opening the reader.
    #[arg(long, value_enum)]
    export: Option<Format>,
    /// Keywords per article (0 for none).
    #[arg(long, default_value_t = 8, value_name = "N")]
    keywords: usize,
    /// Read the page in this encoding instead of detecting it (utf-8, gb18030, gbk, big5,
    /// utf-16le, utf-16be).
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
    /// Show how each block of the page was read and placed, then exit.
    #[arg(long)]
    explain: bool,
    /// Let the mouse scroll panes, pick tabs and jump from cards. (Capturing the mouse stops
    /// the terminal's own text selection, which is why it is off by default.)
    #[arg(long)]
    mouse: bool,
    /// Count East Asian ambiguous characters (“ ” … ■ ·) as two cells, for terminals that
    /// draw them wide.
    #[arg(long)]
    ambiguous_wide: bool,
    /// Draw the first frame and exit (into an off-screen 120×40 buffer when standard output
    /// is not a terminal): start-up measured as a whole process.
    #[arg(long, conflicts_with_all = ["export", "explain"])]
    exit_after_first_frame: bool,
    /// Wait for the background analysis, draw, and exit (off-screen as above).
    #[arg(long, conflicts_with_all = ["export", "explain", "exit_after_first_frame"])]
    exit_after_ready: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Text,
    Markdown,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let source = Source::from_arg(cli.page.as_deref());
    match run(&cli, &source) {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(sig)) => ExitCode::from(128u8.saturating_add(sig as u8)),
        Err(e) => {
            // A file's name is the user's, but it may hold anything: it is shown sanitised too.
            eprintln!("kanbao: {}: {e:#}", sanitize(&source.name()).replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli, source: &Source) -> anyhow::Result<Exit> {
    let encoding = cli.encoding.as_deref().map(encoding_for_label).transpose()?;
    if *source == Source::Stdin && std::io::stdin().is_terminal() {
        eprintln!("kanbao: reading the page from standard input; end it with Ctrl-D");
    }
    let loaded = source::load(source, encoding)?;
    if cli.explain {
        let (_, trace) = page::reconstruct_traced(&loaded.text);
        print(&explain(&trace))?;
        return Ok(Exit::Quit);
    }
    // The export needs the segmenter for keywords; build it while the page is reconstructed,
    // which does not need it. (The reader builds it in the background instead.)
    let warm = (cli.export.is_some() && cli.keywords > 0).then(|| {
        std::thread::spawn(|| {
            let _ = analyzer();
        })
    });
    let mut page = page::reconstruct(&loaded.text);
    let ambiguous = if cli.ambiguous_wide { Ambiguous::Wide } else { Ambiguous::Narrow };
    let opts = Options { ambiguous, mouse: cli.mouse, keywords: cli.keywords };
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
        (None, Some(at)) if !tty => return reader::run_offscreen(page, source.name(), opts, at),
        (None, at) if tty => return reader::run(page, source.name(), opts, at),
        (None, _) => Format::Text,
    };
    if cli.keywords > 0 {
        if let Some(w) = warm {
            let _ = w.join();
        }
        page::add_keywords(&mut page, analyzer(), cli.keywords);
    }
    let out = match format {
        Format::Json => export::json(&page),
        Format::Text => export::text(&page),
        Format::Markdown => export::markdown(&page),
    };
    print(&out)?;
    Ok(Exit::Quit)
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
