//! An address or a CIDR range (`TRUSTED_PROXIES`): which peers' `X-Forwarded-For` the server
//! believes.
use std::net::IpAddr;

/// An address or a CIDR range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    base: IpAddr,
    prefix: u8,
}

impl IpRange {
    pub fn parse(raw: &str) -> Option<Self> {
        let (addr, prefix) = match raw.trim().split_once('/') {
            Some((a, p)) => (a.parse::<IpAddr>().ok()?, Some(p.parse::<u8>().ok()?)),
            None => (raw.trim().parse::<IpAddr>().ok()?, None),
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(Self { base: addr, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let bits = |ip: IpAddr| match ip {
            IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32_u32),
            IpAddr::V6(v6) => (u128::from(v6), 128_u32),
        };
        let ip = match (self.base, ip) {
            (IpAddr::V6(_), IpAddr::V4(v4)) => IpAddr::V6(v4.to_ipv6_mapped()),
            (IpAddr::V4(_), IpAddr::V6(v6)) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            _ => ip,
        };
        let ((base, width), (addr, other)) = (bits(self.base), bits(ip));
        if width != other {
            return false;
        }
        let shift = width - u32::from(self.prefix);
        shift >= width || (base >> shift) == (addr >> shift)
    }
}

/// Parses `TRUSTED_PROXIES`; `Err` names the entry that is neither an address nor a range.
pub fn parse_ranges(raw: &str) -> Result<Vec<IpRange>, String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| IpRange::parse(s).ok_or_else(|| format!("`{s}` is not an IP address or CIDR range")))
        .collect()
}
