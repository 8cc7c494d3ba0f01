//! The `sahel-brief` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use sahel_brief::build::{build, BuildOptions, Update};
use sahel_brief::config::Lang;
use sahel_brief::error::{terminal_safe, Error, TerminalSafe};
use sahel_brief::{check, import, scaffold};

// The build allocates many small strings across threads; mimalloc handles
// that far better than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turn collected news articles about security in the Sahel into a
/// browsable, publishable briefing site, grouped by country and by actor.
#[derive(Parser)]
#[command(name = "sahel-brief", version, about, long_about = None)]
struct Cli {
    /// The site's folder (the one holding site.toml).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output).
    ///
    /// The previous output is changed only when the whole build succeeded;
    /// after a first build, only the files whose bytes change are written.
    Build {
        /// Where to write the site.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Publish under another address, e.g. https://org.github.io/brief/
        #[arg(long)]
        base_url: Option<String>,
        /// Include drafts and embargoed articles (for preview only).
        #[arg(long)]
        drafts: bool,
        /// Relative links, so the site works opened from disk (no server).
        #[arg(long)]
        portable: bool,
        /// Build everything anew, ignoring what the last build left.
        #[arg(long)]
        clean: bool,
    },
    /// Validate everything without writing: front matter, ids, templates, links.
    Check {
        /// Check drafts and embargoed articles too.
        #[arg(long)]
        drafts: bool,
        /// List every profile no article uses, not only their number.
        #[arg(long)]
        verbose: bool,
    },
    /// Convert raw article sources (.txt, .md, .html) into articles.
    ///
    /// Countries and actors are detected from the site's own profiles.
    /// A file holding several stories (a press export, a round-up) gives
    /// one article per story; two articles with one title get slug.md and
    /// slug-2.md. An existing article is never overwritten without --force,
    /// and one kept makes the exit code 1 unless --skip-existing.
    Import {
        /// Source files or folders.
        #[arg(required = true)]
        sources: Vec<PathBuf>,
        /// Folder to write the articles to, from --root [default: content/articles]
        #[arg(long)]
        into: Option<PathBuf>,
        /// Print what would be written; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Overwrite existing articles that differ.
        #[arg(long)]
        force: bool,
        /// Keep existing articles that differ without failing (exit 0).
        #[arg(long, conflicts_with = "force")]
        skip_existing: bool,
        /// Language of the sources, if detection should not decide.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
        /// Date of the articles (YYYY-MM-DD), if the sources do not say.
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Name of the outlet, e.g. "AFP".
        #[arg(long)]
        source_name: Option<String>,
        /// Address of the original article.
        #[arg(long)]
        source_url: Option<String>,
    },
    /// Scaffold a new article dated today, with empty taxonomies.
    New {
        /// The article's title.
        title: String,
        /// Write it in French or English.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// Create a new, working site in DIR (profiles, templates, static files).
    Init {
        /// The folder to create; must be empty or absent.
        dir: PathBuf,
    },
    /// Preview the site on a local web server, rebuilt and reloaded on every change.
    ///
    /// The site is built into memory, never into public/.
    Serve {
        /// The port to listen on (the next free one if it is taken).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback is reachable
        /// from other machines.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the browser once it is ready.
        #[arg(long)]
        open: bool,
        /// Include drafts and embargoed articles.
        #[arg(long)]
        drafts: bool,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    match s {
        "fr" => Ok(Lang::Fr),
        "en" => Ok(Lang::En),
        _ => Err("expected fr or en".to_string()),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{}", terminal_safe(&prefix_errors(&err)));
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

fn prefix_errors(err: &Error) -> String {
    match err {
        Error::Content(list) => {
            let mut text: String = list.iter().map(|d| format!("error: {d}\n")).collect();
            text.push_str(&format!(
                "{} error{} found",
                list.len(),
                if list.len() == 1 { "" } else { "s" }
            ));
            text
        }
        other => format!("error: {other}"),
    }
}

/// The build's warnings, then one line: what was built, how.
fn report_build(summary: &sahel_brief::build::BuildSummary) {
    for w in &summary.warnings {
        eprintln!("warning: {w}");
    }
    let parts: Vec<String> = summary
        .counts
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let shown = summary.output.display().to_string();
    let output = terminal_safe(&shown);
    let ms = summary.elapsed.as_millis();
    match summary.update {
        Update::UpToDate => println!("{output} is up to date ({ms} ms)"),
        Update::Full => println!(
            "Built {output} in {ms} ms: {}, {} static files",
            parts.join(", "),
            summary.static_files
        ),
        Update::Incremental {
            rendered,
            written,
            deleted,
        } => println!(
            "Built {output} in {ms} ms: {}, {} static files; {rendered} rendered, {written} written, {deleted} deleted",
            parts.join(", "),
            summary.static_files
        ),
    }
}

/// Runs `import` and reports what it did; 1 when a source failed or was
/// skipped without `--skip-existing`.
fn run_import(options: &import::ImportOptions) -> Result<ExitCode, Error> {
    // Titles and text of the sources are quoted: never let them
    // drive the terminal.
    let mut out = TerminalSafe::new(std::io::stdout().lock());
    let report = import::run(options, &mut out)?;
    std::io::Write::flush(&mut out).map_err(|e| Error::io(std::path::Path::new("stdout"), e))?;
    drop(out);
    println!(
        "{} imported, {} unchanged, {} skipped, {} failed",
        report.imported, report.unchanged, report.skipped, report.failed
    );
    if report.skipped > 0 && !options.skip_existing {
        eprintln!(
            "error: {} article(s) not imported because a different one exists \
             (pass --force to overwrite them, or --skip-existing to keep them)",
            report.skipped
        );
    }
    Ok(
        if report.failed > 0 || (report.skipped > 0 && !options.skip_existing) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// The check's warnings and unused profiles, then its summary.
fn report_check(report: &check::CheckReport, verbose: bool) {
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if let Some(unused) = &report.unused_profiles {
        eprintln!("note: {}", unused.summary);
        if verbose {
            for (folder, ids) in &unused.by_folder {
                eprintln!("  {folder}: {}", ids.join(", "));
            }
        }
    }
    println!("{}", report.summary);
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let root = cli.root;
    match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            portable,
            clean,
        } => {
            let summary = build(&BuildOptions {
                root,
                output,
                base_url,
                drafts,
                portable,
                clean,
            })?;
            report_build(&summary);
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { drafts, verbose } => {
            report_check(&check::check(&root, drafts)?, verbose);
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            sources,
            into,
            dry_run,
            force,
            skip_existing,
            lang,
            date,
            source_name,
            source_url,
        } => {
            let options = import::ImportOptions {
                into: into.unwrap_or_else(|| PathBuf::from("content/articles")),
                root,
                sources,
                dry_run,
                force,
                skip_existing,
                lang,
                date,
                source_name,
                source_url,
                today: chrono::Local::now().date_naive(),
            };
            run_import(&options)
        }
        Command::New { title, lang } => {
            let path =
                scaffold::new_article(&root, &title, lang, chrono::Local::now().date_naive())?;
            println!("Created {}", terminal_safe(&path.display().to_string()));
            println!(
                "It is a draft: `sahel-brief serve --drafts` shows it; remove `draft = true` to publish it"
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            scaffold::init(&dir)?;
            println!(
                "Created a new site in {}. Next: cd {} && sahel-brief build",
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            port,
            bind,
            open,
            drafts,
        } => {
            sahel_brief::serve::run(sahel_brief::serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
                open,
                ..Default::default()
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
