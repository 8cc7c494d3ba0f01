//! Which `Host` headers the preview server answers. A web page on any
//! site can make the browser send requests to 127.0.0.1 under its own
//! name (DNS rebinding) and read the answers, drafts and embargoed
//! articles included, unless the server refuses names it does not go by.

use std::net::IpAddr;

/// The names the preview goes by: loopback, and what `--bind` named.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    /// The `--bind` value, in lower case.
    bind: String,
    /// Listening on every address (`0.0.0.0`, `::`): any IP address is the
    /// server's own. An address, unlike a name, cannot be rebound.
    any_address: bool,
}

impl AllowedHosts {
    pub fn new(bind: &str) -> Self {
        let bind = bind.trim_matches(['[', ']']).to_ascii_lowercase();
        let any_address = bind.parse::<IpAddr>().is_ok_and(|ip| ip.is_unspecified());
        AllowedHosts { bind, any_address }
    }

    /// Whether a request with this `Host` header (a name or an address,
    /// with or without a port) is answered.
    pub fn allows(&self, host: &str) -> bool {
        let name = host_name(host).to_ascii_lowercase();
        let name = name.strip_suffix('.').unwrap_or(&name);
        if name == "localhost" || name == self.bind {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip.is_loopback() || self.any_address,
            Err(_) => false,
        }
    }
}

/// The host of a `Host` header without its port or IPv6 brackets.
fn host_name(host: &str) -> &str {
    let host = host.trim();
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_loopback_and_the_bound_name_only() {
        let local = AllowedHosts::new("127.0.0.1");
        for ok in [
            "localhost",
            "LOCALHOST:1111",
            "localhost.:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.1.2.3:80",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(local.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "192.168.1.10:1111",
            "",
        ] {
            assert!(!local.allows(bad), "{bad}");
        }
        let lan = AllowedHosts::new("192.168.1.10");
        assert!(lan.allows("192.168.1.10:1111"));
        assert!(!lan.allows("10.0.0.1:1111"));
        let named = AllowedHosts::new("[::1]");
        assert!(named.allows("[::1]:1111"));
        let everywhere = AllowedHosts::new("0.0.0.0");
        assert!(everywhere.allows("10.0.0.1:1111"));
        assert!(everywhere.allows("[fe80::1]:1111"));
        assert!(!everywhere.allows("evil.example:1111"));
    }
}
