//! Limits on what one client may ask: requests per client address in a
//! fixed window, the length of a request's target, and (in the write
//! route) the size of a body. Also the layer that turns every error
//! answer that is not yet JSON (axum's own: a malformed path or query,
//! a method not allowed) into the API's JSON error.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::AppState;

/// The longest request target (path and query) answered.
pub(crate) const MAX_TARGET: usize = 8 * 1024;

/// At most `requests` requests per client address in each `window`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in one window.
    pub requests: u32,
    /// The window's length.
    pub window: Duration,
}

/// Counts of requests per client address in the current window.
pub(crate) struct RateLimiter {
    limit: Option<RateLimit>,
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl RateLimiter {
    /// A limiter for `limit` (`None`: no limit).
    pub(crate) fn new(limit: Option<RateLimit>) -> RateLimiter {
        RateLimiter {
            limit,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Whether a request from `ip` now is allowed; when not, how long until
    /// its window ends.
    fn admit(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > 10_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < limit.window);
        }
        let (start, count) = windows.entry(ip).or_insert((now, 0));
        if now.duration_since(*start) >= limit.window {
            *start = now;
            *count = 0;
        }
        if *count >= limit.requests {
            return Err(limit.window.saturating_sub(now.duration_since(*start)));
        }
        *count += 1;
        Ok(())
    }
}

/// Refuses, with 429 and `Retry-After`, a client over its rate, and with
/// 414 a request target longer than [`MAX_TARGET`].
pub(crate) async fn guard(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let target = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target > MAX_TARGET {
        return ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("the request target is {target} bytes; at most {MAX_TARGET} are read"),
        )
        .into_response();
    }
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    if let Err(wait) = state.limiter.admit(ip, Instant::now()) {
        let seconds = wait.as_secs() + 1;
        let mut answer = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!("too many requests from {ip}: try again in {seconds} s"),
        )
        .into_response();
        answer
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        return answer;
    }
    next.run(req).await
}

/// An error answer whose body is not JSON (axum's rejections) as the API's
/// JSON error, its text kept as the message.
pub(crate) async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let message = match (text.is_empty(), status) {
        (false, _) => text,
        (true, StatusCode::METHOD_NOT_ALLOWED) => {
            let allowed = parts
                .headers
                .get(header::ALLOW)
                .and_then(|v| v.to_str().ok());
            format!(
                "method not allowed here (allowed: {})",
                allowed.unwrap_or("none")
            )
        }
        (true, s) => s.canonical_reason().unwrap_or("error").to_string(),
    };
    let mut answer = ApiError::new(status, message).into_response();
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_over_its_rate_waits_for_the_next_window_and_others_do_not() {
        let limiter = RateLimiter::new(Some(RateLimit {
            requests: 2,
            window: Duration::from_secs(10),
        }));
        let t0 = Instant::now();
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        let b: IpAddr = "127.0.0.2".parse().unwrap();
        assert!(limiter.admit(a, t0).is_ok());
        assert!(limiter.admit(a, t0).is_ok());
        assert!(limiter.admit(a, t0).is_err());
        assert!(limiter.admit(b, t0).is_ok());
        assert!(limiter.admit(a, t0 + Duration::from_secs(10)).is_ok());
    }
}
