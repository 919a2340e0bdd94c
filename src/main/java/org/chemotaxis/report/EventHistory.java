package org.chemotaxis.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.chemotaxis.config.BadInputException;

/**
 * A run's events.jsonl read back byte by byte, robust to what a kill or a full disk leaves: a
 * line cut in the middle (also in the middle of a multi-byte character) is skipped with a
 * warning, wherever it is (a resumed run starts its first event on a new line, so an earlier
 * torn line ends up inside the file). Every line the writer starts begins with {@code
 * {"event":"}, so a cut one begins with (a part of) that too. Anything else (a line that does not
 * even begin like an event, a folder, an unreadable or oversized file) is not the run's own
 * writing and is bad input: a resume must not append to a file it cannot account for.
 */
public final class EventHistory {

    /** How every line of events.jsonl begins: the writer puts the type first. */
    private static final byte[] LINE_START = "{\"event\":\"".getBytes(StandardCharsets.US_ASCII);

    /** Larger than any real run's events (a line per event, a few per epoch). */
    public static final long MAX_BYTES = 1L << 30;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param events   every readable event, in file order
     * @param warnings one line per skipped line
     * @param tornTail whether the file ends without a newline (the next event must start a line)
     */
    public record Read(List<JsonNode> events, List<String> warnings, boolean tornTail) {
    }

    private EventHistory() {
    }

    /** Reads {@code file}; an absent file is an empty history. */
    public static Read read(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Read(List.of(), List.of(), false);
        }
        FileProblems.requireReadableFile(file, "event log");
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInputException("event log " + file + " has " + Files.size(file) + " bytes, more than "
                        + MAX_BYTES + ": not a run's events");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read event log " + file + ": " + FileProblems.why(e));
        }
        List<JsonNode> events = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int lineNo = 0;
        for (int from = 0; from < bytes.length; ) {
            int nl = indexOf(bytes, (byte) '\n', from);
            int to = nl < 0 ? bytes.length : nl;
            lineNo++;
            byte[] line = Arrays.copyOfRange(bytes, from, to);
            from = to + 1;
            if (isBlank(line)) {
                continue;
            }
            JsonNode event = parse(line);
            if (event != null) {
                events.add(event);
            } else if (startsLikeAnEvent(line)) {
                warnings.add("line " + lineNo + " of " + file + " is an event cut off (or not UTF-8) by a kill in the"
                        + " middle of a write: skipped");
            } else {
                throw new BadInputException("line " + lineNo + " of event log " + file + " is not an event ("
                        + preview(line) + "): the file is damaged; restore it, or remove that line");
            }
        }
        return new Read(events, warnings, bytes.length > 0 && bytes[bytes.length - 1] != '\n');
    }

    /** The line as a JSON object with an "event" type, or null. */
    private static JsonNode parse(byte[] line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() && node.path("event").isTextual() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean startsLikeAnEvent(byte[] line) {
        int n = Math.min(line.length, LINE_START.length);
        return n >= 1 && Arrays.equals(line, 0, n, LINE_START, 0, n);
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String preview(byte[] line) {
        String s = new String(line, 0, Math.min(line.length, 40), StandardCharsets.UTF_8);
        return "'" + org.chemotaxis.config.Limits.printable(s) + (line.length > 40 ? "...'" : "'");
    }
}
