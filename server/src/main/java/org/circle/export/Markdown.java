package org.circle.export;

/**
 * A Markdown document built line by line. What members wrote is quoted as plain text: characters
 * Markdown would read as markup or HTML are escaped, so an export shows their words as written.
 */
final class Markdown {
  private final StringBuilder out = new StringBuilder();

  Markdown heading(int level, String text) {
    if (!out.isEmpty()) out.append('\n');
    out.append("#".repeat(level)).append(' ').append(escape(text)).append("\n\n");
    return this;
  }

  Markdown line(String text) {
    out.append(text).append('\n');
    return this;
  }

  /** A list item of what someone wrote; later lines of it are indented under it. */
  Markdown item(String written, String... details) {
    out.append("- ").append(escape(written).replace("\n", "\n  "));
    for (String d : details) if (d != null && !d.isEmpty()) out.append(" (").append(escape(d)).append(')');
    out.append('\n');
    return this;
  }

  Markdown blank() {
    out.append('\n');
    return this;
  }

  /** Markup characters become literal; blank lines inside a text cannot end its list item. */
  static String escape(String text) {
    if (text == null) return "";
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.replace("\r\n", "\n").replace('\r', '\n').toCharArray()) {
      if ("\\`*_[]<>#|~".indexOf(c) >= 0) b.append('\\');
      b.append(c);
    }
    return b.toString().replaceAll("\n\\s*\n", "\n");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
