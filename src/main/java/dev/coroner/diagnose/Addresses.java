package dev.coroner.diagnose;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Literal IP addresses as logs write them, and which a server's bind accepts. */
final class Addresses {
  private static final Pattern IPV4 = Pattern.compile("(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  /** Only hex digits, colons and dots with two colons at least: never a host name, so never a lookup. */
  private static final Pattern IPV6 = Pattern.compile("(?=(?:[^:]*:){2})[0-9a-f:.]{2,45}");
  static final String ANY6 = "0:0:0:0:0:0:0:0";

  private Addresses() {}

  /**
   * The address in one spelling (brackets and zone gone; IPv6 as Java writes it, so "::1" and
   * "0:0::1" are equal; an IPv4-mapped one as IPv4), or null when the text is a host name or empty.
   */
  static String literal(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    int zone = t.indexOf('%');
    if (zone > 0) {
      t = t.substring(0, zone);
    }
    if (IPV4.matcher(t).matches()) {
      return t;
    }
    if (!IPV6.matcher(t).matches()) {
      return null;
    }
    try {
      InetAddress a = InetAddress.getByName(t); // a literal: parsed, not looked up
      return a instanceof Inet4Address ? a.getHostAddress() : a.getHostAddress().toLowerCase(Locale.ROOT);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * Whether a server bound to {@code bind} may accept a connection to {@code to} (both from
   * {@link #literal}): a bind to :: accepts every address (dual stack, as Linux, macOS and
   * Windows bind it by default), 0.0.0.0 every IPv4 address, any other only itself. Two loopback
   * addresses of 127/8 are not told apart (a server may also listen on a second one unseen): no
   * claim is made there.
   */
  static boolean accepts(String bind, String to) {
    boolean v4 = to.indexOf(':') < 0;
    if (bind.equals(ANY6)) {
      return true;
    }
    if (bind.equals("0.0.0.0")) {
      return v4;
    }
    if (bind.startsWith("127.") && to.startsWith("127.")) {
      return true;
    }
    return bind.equals(to);
  }
}
