//! Terminal progress for imports (indicatif); silent when stderr is not a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

#[derive(Debug, Clone, Copy)]
pub struct Progress {
    visible: bool,
}

impl Progress {
    /// Shown on stderr when it is a terminal.
    pub fn terminal() -> Progress {
        Progress { visible: true }
    }

    pub fn hidden() -> Progress {
        Progress { visible: false }
    }

    /// A counter of records read from one list.
    pub fn records(&self, label: &str) -> ProgressBar {
        let bar = if self.visible {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        let style =
            ProgressStyle::with_template("{spinner} {msg}: {human_pos} records ({per_sec})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.set_message(label.to_owned());
        if self.visible {
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
        bar
    }
}
