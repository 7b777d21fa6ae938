package integration.internal.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Server-side request forgery guard for webhook URLs: only http(s) URLs without credentials, and, unless
 * configured otherwise, only hosts whose every address is public: no loopback, private, link-local
 * (cloud metadata), carrier-grade NAT, unique-local, multicast or unspecified address, and no IPv6 form
 * that carries a non-public IPv4 address (IPv4-compatible, mapped, translated, NAT64, 6to4) or cannot be
 * judged (discard-only, local-use NAT64, Teredo). Checked when a subscription is made, and before every
 * delivery by {@link #check}, which resolves the host once and pins the connection to the checked
 * address, so a DNS answer that changes between the check and the connection cannot redirect it.
 */
public final class TargetPolicy {

    /** Name resolution; the default is the JVM's. Tests pass one of their own. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Where a delivery goes: the URL's host name (Host header, TLS server name and certificate check) and
     * the one address that was checked, to which the connection is made without resolving again.
     */
    public record Target(URI uri, String host, int port, boolean https, InetAddress address) {

        /** The request target: path and query as given, "/" when empty. */
        public String requestUri() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /** The outcome of {@link #check}: a target, or why there is none. */
    public record Decision(Target target, String refusal) {}

    private final boolean allowPrivate;
    private final boolean allowHttp;
    private final Resolver resolver;

    public TargetPolicy(boolean allowPrivate, boolean allowHttp) {
        this(allowPrivate, allowHttp, InetAddress::getAllByName);
    }

    public TargetPolicy(boolean allowPrivate, boolean allowHttp, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.allowHttp = allowHttp;
        this.resolver = resolver;
    }

    /** Why the URL is refused, or empty when it may be called (at subscription time). */
    public Optional<String> refusal(String url) {
        if (allowPrivate) {
            return Optional.ofNullable(shape(url).refusal());
        }
        return Optional.ofNullable(check(url).refusal());
    }

    /**
     * Resolves the URL's host once, checks every address it resolves to, and answers the address to
     * connect to (the first one), or why the URL is refused.
     */
    public Decision check(String url) {
        Decision shape = shape(url);
        if (shape.refusal() != null) {
            return shape;
        }
        URI uri = shape.target().uri();
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new Decision(null, "the host does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            return new Decision(null, "the host does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    return new Decision(null, "the host resolves to a non-public address");
                }
            }
        }
        InetAddress pinned;
        try {
            // a copy without a host name, so that nothing downstream can look the name up again
            pinned = InetAddress.getByAddress(addresses[0].getAddress());
        } catch (UnknownHostException e) {
            return new Decision(null, "the host does not resolve");
        }
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return new Decision(new Target(uri, name, port, https, pinned), null);
    }

    /** Scheme, host and user-info checks; the target has no address yet. */
    private Decision shape(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return new Decision(null, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return new Decision(null, allowHttp ? "only http and https URLs" : "only https URLs");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return new Decision(null, "the URL has no host");
        }
        if (uri.getUserInfo() != null) {
            return new Decision(null, "credentials in the URL are not allowed");
        }
        return new Decision(new Target(uri, uri.getHost(), uri.getPort(), scheme.equals("https"), null), null);
    }

    static boolean isPublic(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            if (unjudgeable(b)) {
                return false;
            }
            byte[] v4 = embeddedIpv4(b);
            if (v4 != null) {
                try {
                    return isPublic(InetAddress.getByAddress(v4));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        if (a.isLoopbackAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0
                    || first >= 240 // "this network", reserved and broadcast
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19))); // benchmarking
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
                return false;
            }
        }
        return true;
    }

    /**
     * IPv6 prefixes whose destination cannot be judged from the address: 100::/64 (discard only),
     * 64:ff9b:1::/48 (local-use NAT64, any layout), 2001::/32 (Teredo: the client's IPv4 is obscured).
     */
    private static boolean unjudgeable(byte[] b) {
        if (b[0] == 0x01 && b[1] == 0x00 && zero(b, 2, 8)) {
            return true;
        }
        if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0 && b[5] == 1) {
            return true;
        }
        return b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0;
    }

    /**
     * The IPv4 address an IPv6 address carries, or null: IPv4-compatible ::a.b.c.d, mapped
     * ::ffff:a.b.c.d, translated ::ffff:0:a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:AABB:CCDD::/48.
     */
    static byte[] embeddedIpv4(byte[] b) {
        boolean compatible = zero(b, 0, 12);
        boolean mapped = zero(b, 0, 10) && ones(b, 10, 12);
        boolean translated = zero(b, 0, 8) && ones(b, 8, 10) && zero(b, 10, 12);
        boolean nat64 =
                b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12);
        if (compatible || mapped || translated || nat64) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (b[0] == 0x20 && b[1] == 0x02) { // 6to4
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean ones(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if ((b[i] & 0xff) != 0xff) {
                return false;
            }
        }
        return true;
    }
}
