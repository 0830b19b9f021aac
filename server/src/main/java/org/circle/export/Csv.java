package org.circle.export;

import java.util.List;

/**
 * Comma-separated values (RFC 4180): every cell quoted, quotes doubled, lines ending CRLF. A cell
 * a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a carriage return)
 * is prefixed with an apostrophe, so opening an export cannot run what a member wrote.
 */
final class Csv {
  private final StringBuilder out = new StringBuilder();

  Csv(String... header) {
    row(List.of(header));
  }

  Csv row(Object... cells) {
    return row(java.util.Arrays.asList(cells));
  }

  private Csv row(List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) out.append(',');
      out.append('"').append(cell(cells.get(i)).replace("\"", "\"\"")).append('"');
    }
    out.append("\r\n");
    return this;
  }

  static String cell(Object value) {
    String text = value == null ? "" : value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) return "'" + text;
    return text;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
