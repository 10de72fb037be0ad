//! The terminal reader, in The Elm Architecture: one [`App`] state, keys become actions
//! through the keymap table, [`update`] is the only place state changes, and [`draw`] never
//! mutates. Keys, resizes, signals and the background analysis all arrive as events on one
//! channel.

pub mod action;
pub mod app;
pub mod content;
pub mod keymap;
pub mod layout;
pub mod state;
pub mod theme;
pub mod view;

use std::io::Write;
use std::sync::mpsc;
use std::thread;

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event as TermEvent, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::page::model::Page;
use crate::text::keywords::analyzer;

pub use action::{Action, Command};
pub use app::{App, Effect, Options, update};
pub use view::draw;

/// What the event loop wakes up for.
enum Event {
    Term(TermEvent),
    Analysed {
        page: usize,
        keywords: Vec<Vec<String>>,
    },
    /// SIGTERM, SIGHUP or SIGINT: leave, restoring the terminal.
    Signal(i32),
    /// The terminal's input could not be read, or a background task failed.
    Failed(String),
}

/// An article's title for a tab: its region, else the start of its headline, else its number.
pub fn tab_title(page: &Page, i: usize) -> String {
    let Some(a) = page.articles.get(i) else { return String::new() };
    if let Some(r) = &a.region {
        return r.clone();
    }
    let h: String = a.headline.chars().filter(|c| !matches!(c, '“' | '”' | '"')).take(6).collect();
    if h.is_empty() { format!("#{}", i + 1) } else { h }
}

/// When to leave on our own, for measuring start-up from outside as whole processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitAfter {
    /// As soon as the first frame is drawn.
    FirstFrame,
    /// Once the background analysis is done and its result drawn.
    Ready,
}

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Ended by a signal: the process should exit with 128 + the signal's number.
    Signal(i32),
}

/// The OSC 52 sequence that puts `text` on the terminal's clipboard: the one escape sequence
/// kanbao writes on purpose.
pub fn osc52(text: &str) -> String {
    use base64::Engine as _;
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text))
}

/// Carry out what `update` asked for: copies go to the terminal as OSC 52 (when there is one),
/// analyses to a thread whose result comes back as an event.
fn carry_out(
    app: &mut App,
    tx: &mpsc::Sender<Event>,
    mut terminal: Option<&mut ratatui::DefaultTerminal>,
) -> std::io::Result<()> {
    for effect in std::mem::take(&mut app.effects) {
        match effect {
            Effect::Suspend => {
                if let Some(t) = terminal.as_deref_mut() {
                    suspend(t, app.opts.mouse)?;
                }
            }
            Effect::Copy(text) => {
                if terminal.is_some() {
                    let mut out = std::io::stdout().lock();
                    out.write_all(osc52(&text).as_bytes())?;
                    out.flush()?;
                }
            }
            Effect::Analyse { page, texts, furniture } => {
                let tx = tx.clone();
                let n = app.opts.keywords;
                thread::spawn(move || {
                    // A bug here must end the reader, not leave it waiting on a restored
                    // terminal (the panic hook restores it whichever thread panics).
                    let run = std::panic::AssertUnwindSafe(|| analyzer().keywords(&texts, n, &furniture));
                    let _ = tx.send(match std::panic::catch_unwind(run) {
                        Ok(keywords) => Event::Analysed { page, keywords },
                        Err(_) => Event::Failed("the keyword analysis failed".to_owned()),
                    });
                });
            }
        }
    }
    Ok(())
}

/// Restore the terminal, stop the process as the shell's job control expects, and take the
/// terminal back when resumed (`fg`), redrawing everything.
fn suspend(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> std::io::Result<()> {
    if mouse {
        execute!(std::io::stdout(), DisableMouseCapture)?;
    }
    ratatui::try_restore()?;
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(std::io::stdout(), ratatui::crossterm::terminal::EnterAlternateScreen)?;
    if mouse {
        execute!(std::io::stdout(), EnableMouseCapture)?;
    }
    // The screen is blank now; a blank frame tells ratatui so, and the next draws everything.
    // (Terminal::clear would ask the terminal where its cursor is, and the reply would be read
    // by the input thread instead.)
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    terminal.draw(|_| {})?;
    Ok(())
}

/// Open the reader until the user quits. The app comes back however the reader ended, even
/// when the terminal went away, for the reading positions to be kept.
pub fn run(mut app: App, exit_after: Option<ExitAfter>) -> (anyhow::Result<Exit>, App) {
    let (tx, rx) = mpsc::channel::<Event>();
    {
        let tx = tx.clone();
        let signals = signal_hook::iterator::Signals::new([
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ]);
        let mut signals = match signals {
            Ok(s) => s,
            Err(e) => return (Err(e.into()), app),
        };
        thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let _ = tx.send(Event::Signal(sig));
            }
        });
    }
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            let _ = ratatui::try_restore();
            return (Err(e.into()), app);
        }
    };
    let result = event_loop(&mut terminal, &mut app, &tx, &rx, exit_after);
    if app.opts.mouse {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
    }
    // The terminal may be gone (its window closed): nothing here may fail, or print.
    let _ = ratatui::try_restore();
    let _ = std::io::stdout().flush();
    if terminal.show_cursor().is_err() {
        // Dropped, the terminal would try again and print the error, and printing to a
        // terminal that is gone panics: the reading positions would not be saved.
        std::mem::forget(terminal);
    }
    (result, app)
}

/// Draw into an off-screen 120×40 buffer instead of a terminal, and leave at `exit_after`:
/// start-up measured from outside when standard output is not a terminal.
pub fn run_offscreen(mut app: App, exit_after: ExitAfter) -> anyhow::Result<(Exit, App)> {
    let (tx, rx) = mpsc::channel::<Event>();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40))?;
    update(&mut app, Action::Resize(120, 40));
    carry_out(&mut app, &tx, None)?;
    drop(tx);
    terminal.draw(|f| draw(&app, f))?;
    if exit_after == ExitAfter::Ready {
        while app.analysing {
            match rx.recv() {
                Ok(Event::Analysed { page, keywords }) => {
                    update(&mut app, Action::Analysed { page, keywords })
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        terminal.draw(|f| draw(&app, f))?;
    }
    Ok((Exit::Quit, app))
}

/// Draw the app at the terminal's size as it is now. The size is asked for at every frame
/// (one ioctl), not taken from resize events: an event's size can be stale by the time it is
/// read, and a resize can come with no event at all (made while the reader was stopped, or
/// before the input thread listened).
fn frame(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    terminal.autoresize()?;
    let size = terminal.size()?;
    if (size.width, size.height) != (app.width, app.height) {
        update(app, Action::Resize(size.width, size.height));
    }
    terminal.draw(|f| draw(app, f))?;
    Ok(())
}

/// The reader in a terminal made ready: mouse capture, the input thread, then events until
/// the user quits.
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    tx: &mpsc::Sender<Event>,
    rx: &mpsc::Receiver<Event>,
    exit_after: Option<ExitAfter>,
) -> anyhow::Result<Exit> {
    let mouse = app.opts.mouse;
    if mouse {
        execute!(std::io::stdout(), EnableMouseCapture)?;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
            previous(info);
        }));
    }
    {
        let tx = tx.clone();
        thread::spawn(move || {
            loop {
                match event::read() {
                    Ok(ev) => {
                        if tx.send(Event::Term(ev)).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = tx.send(Event::Failed(format!("cannot read the terminal: {e}")));
                        break;
                    }
                }
            }
        });
    }
    frame(terminal, app)?;
    carry_out(app, tx, Some(terminal))?;
    let ready = |app: &App| {
        exit_after == Some(ExitAfter::FirstFrame) || (exit_after == Some(ExitAfter::Ready) && !app.analysing)
    };
    if ready(app) {
        return Ok(Exit::Quit);
    }
    loop {
        let Ok(first) = rx.recv() else { return Ok(Exit::Quit) };
        // Take everything already waiting, so that a burst of resizes or key repeats costs
        // one draw, and only the last resize counts.
        let mut events = vec![first];
        events.extend(rx.try_iter());
        for ev in events {
            match ev {
                Event::Signal(sig) => return Ok(Exit::Signal(sig)),
                Event::Failed(e) => anyhow::bail!(e),
                Event::Analysed { page, keywords } => update(app, Action::Analysed { page, keywords }),
                // The size is read when drawing (see `frame`).
                Event::Term(TermEvent::Resize(..)) => {}
                Event::Term(TermEvent::Key(key)) => {
                    if let Some(a) = app.action_for_key(&key) {
                        update(app, a);
                    }
                }
                Event::Term(TermEvent::Mouse(m)) if app.opts.mouse => {
                    let action = match m.kind {
                        MouseEventKind::ScrollDown => {
                            Some(Action::Wheel { x: m.column, y: m.row, down: true })
                        }
                        MouseEventKind::ScrollUp => {
                            Some(Action::Wheel { x: m.column, y: m.row, down: false })
                        }
                        MouseEventKind::Down(_) => Some(Action::Click { x: m.column, y: m.row }),
                        _ => None,
                    };
                    if let Some(a) = action {
                        update(app, a);
                    }
                }
                Event::Term(_) => {}
            }
            if app.quit {
                return Ok(Exit::Quit);
            }
        }
        carry_out(app, tx, Some(terminal))?;
        frame(terminal, app)?;
        if ready(app) {
            return Ok(Exit::Quit);
        }
    }
}
