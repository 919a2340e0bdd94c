package org.chemotaxis.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import org.chemotaxis.config.BadInputException;

/**
 * The lines of a CSV file, as {@link java.io.BufferedReader#readLine} gives them ("\n", "\r\n"
 * or "\r" end a line), each of at most {@code maxLength} characters: a longer one (a file that
 * is not a table, a field of megabytes) is refused when it reaches that length, instead of being
 * read whole into memory first.
 */
final class CsvLines implements Closeable {

    private final Reader in;
    private final Path file;
    private final int maxLength;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int end;
    private boolean afterCr;
    private int lineNo;

    CsvLines(Reader in, Path file, int maxLength) {
        this.in = in;
        this.file = file;
        this.maxLength = maxLength;
    }

    /** The number of the line {@link #next} returned last, from 1. */
    int lineNo() {
        return lineNo;
    }

    /** The next line without its end, or null at the end of the file. */
    String next() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == end) {
                int n = in.read(buffer, 0, buffer.length);
                if (n <= 0) {
                    if (!any) {
                        return null;
                    }
                    lineNo++;
                    return line.toString();
                }
                pos = 0;
                end = n;
            }
            if (afterCr) {
                afterCr = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int from = pos;
            while (pos < end && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            if (line.length() + (pos - from) > maxLength) {
                throw new BadInputException(file + " line " + (lineNo + 1) + " is longer than " + maxLength
                        + " characters: not a table of numbers, or a field that is far too long");
            }
            line.append(buffer, from, pos - from);
            if (pos < end) {
                afterCr = buffer[pos] == '\r';
                pos++;
                lineNo++;
                return line.toString();
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
