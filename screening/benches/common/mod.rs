//! The process's memory figures (from `/proc/self/status`).

/// Resets the peak resident memory (VmHWM) to the current resident memory.
pub fn reset_peak() -> anyhow::Result<()> {
    std::fs::write("/proc/self/clear_refs", "5")?;
    Ok(())
}

/// The process's peak resident memory since the last reset, in bytes.
pub fn peak_rss() -> anyhow::Result<u64> {
    status_bytes("VmHWM")
}

/// The process's resident memory now, in bytes.
pub fn rss() -> anyhow::Result<u64> {
    status_bytes("VmRSS")
}

fn status_bytes(field: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no {field} in /proc/self/status"))?;
    Ok(kib * 1024)
}

pub fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1024.0 / 1024.0
}
