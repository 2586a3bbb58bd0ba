package dev.schemamodules.core.db;

import dev.schemamodules.core.api.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses and masks database URLs (JDBC and libpq forms). */
public final class ConnectionStrings {

    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)([a-z][a-z0-9+.-]*(?::[a-z][a-z0-9+.-]*)?://[^:/@\\s]*):[^@\\s]*@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)((?:^|[?&;\\s])password=)[^&\\s]*");  // masks password= parameters
    /** libpq parameter names that pgjdbc spells differently. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType");

    private ConnectionStrings() {
    }

    public static ConnectionSettings parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigurationException("database URL is empty");
        }
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase();
        if (lower.startsWith("jdbc:postgresql:")) {
            return parseJdbc(trimmed);
        }
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            return parseLibpq(trimmed);
        }
        throw new ConfigurationException("database URL '" + redact(trimmed) + "' is not a PostgreSQL URL; expected, for example, "
                + "postgresql://USER:PASSWORD@HOST:5432/DATABASE (example) or jdbc:postgresql://HOST:5432/DATABASE");
    }

    private static ConnectionSettings parseJdbc(String url) {
        URI uri = toUri(url.substring("jdbc:".length()), url);
        Map<String, String> params = query(uri.getRawQuery());
        String user = params.remove("user");
        String password = params.remove("password");
        String host = uri.getHost();
        if (host == null) {
            throw new ConfigurationException("database URL '" + redact(url) + "' names no host");
        }
        String jdbc = "jdbc:postgresql://" + hostPort(uri) + path(uri) + queryString(params);
        return new ConnectionSettings(jdbc, user, password, describe(jdbc, user, password != null));
    }

    private static ConnectionSettings parseLibpq(String url) {
        URI uri = toUri(url, url);
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        if (uri.getHost() == null) {
            throw new ConfigurationException("database URL '" + redact(url) + "' names no host (a socket path is not supported; use host=localhost)");
        }
        Map<String, String> params = query(uri.getRawQuery());
        if (params.containsKey("user")) {
            user = params.remove("user");
        }
        if (params.containsKey("password")) {
            password = params.remove("password");
        }
        Map<String, String> jdbcParams = new LinkedHashMap<>();
        params.forEach((k, v) -> jdbcParams.put(LIBPQ_TO_JDBC.getOrDefault(k, k), v));
        String jdbc = "jdbc:postgresql://" + hostPort(uri) + path(uri) + queryString(jdbcParams);
        return new ConnectionSettings(jdbc, user, password, describe(jdbc, user, password != null));
    }

    /** {@code postgresql://user:***@host:port/db?params}, for output. */
    public static String describe(String jdbcUrl, String user, boolean hasPassword) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        String who = user == null ? "" : user + (hasPassword ? ":***" : "") + "@";
        return "postgresql://" + who + rest;
    }

    /** Masks URL credentials and {@code password=} parameters anywhere in {@code text}. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String t = URL_CREDENTIALS.matcher(text).replaceAll("$1:***@");
        return PASSWORD_PARAM.matcher(t).replaceAll("$1***");
    }

    /**
     * For error messages about a URL that may not even parse: everything between {@code ://} and the
     * last {@code @} (user and password, whatever characters they hold) becomes {@code ***}, and so does
     * any password parameter.
     */
    static String redact(String url) {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        String r = scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + "***" + url.substring(at) : url;
        return PASSWORD_PARAM.matcher(r).replaceAll("$1***");
    }

    private static URI toUri(String value, String original) {
        try {
            URI uri = new URI(value);
            if (uri.getPort() > 65535) {
                throw new ConfigurationException("database URL '" + redact(original) + "': port " + uri.getPort() + " is out of range");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException("database URL '" + redact(original) + "' cannot be parsed: " + mask(e.getReason())
                    + " (percent-encode special characters in user and password)");
        }
    }

    private static String hostPort(URI uri) {
        String host = uri.getHost();
        return host + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort());
    }

    private static String path(URI uri) {
        String p = uri.getRawPath();
        return p == null || p.isEmpty() || p.equals("/") ? "/postgres" : p;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String queryString(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + v));
        return "?" + String.join("&", parts);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
