package org.chemotaxis.report.tensorboard;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Reads TensorBoard event files without the writer's code: the record framing and its CRCs are
 * checked here from the format's description, and the events are decoded with protobuf-java
 * from TensorBoard's own event.proto and summary.proto (test resources), compiled to a
 * descriptor set by Debian's {@code protoc}.
 */
final class TensorBoardReader {

    /** One decoded Event: its step, wall time, file_version (or null) and simple_value scalars by tag. */
    record Event(long step, double wallTime, String fileVersion, Map<String, Float> scalars) {
    }

    private final Descriptors.Descriptor eventType;

    private TensorBoardReader(Descriptors.Descriptor eventType) {
        this.eventType = eventType;
    }

    /** Compiles the vendored protos; fails (never skips) when protoc is missing. */
    static TensorBoardReader compile(Path work) throws Exception {
        Path protoRoot = Path.of("src/test/resources");
        Path descriptorSet = work.resolve("tensorboard.desc");
        Process protoc;
        try {
            protoc = new ProcessBuilder("protoc", "-I", protoRoot.toString(), "--include_imports",
                    "--descriptor_set_out=" + descriptorSet, "tensorboard/compat/proto/event.proto")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("protoc is needed to read TensorBoard files back "
                    + "(Debian package protobuf-compiler, installed by .ci/run): " + e.getMessage(), e);
        }
        String output = new String(protoc.getInputStream().readAllBytes());
        if (!protoc.waitFor(60, TimeUnit.SECONDS) || protoc.exitValue() != 0) {
            throw new AssertionError("protoc failed: " + output);
        }
        var set = DescriptorProtos.FileDescriptorSet.parseFrom(Files.readAllBytes(descriptorSet));
        Map<String, Descriptors.FileDescriptor> built = new HashMap<>();
        for (DescriptorProtos.FileDescriptorProto f : set.getFileList()) {
            List<Descriptors.FileDescriptor> deps = new ArrayList<>();
            for (String d : f.getDependencyList()) {
                deps.add(built.get(d));
            }
            built.put(f.getName(), Descriptors.FileDescriptor.buildFrom(f, deps.toArray(new Descriptors.FileDescriptor[0])));
        }
        return new TensorBoardReader(built.get("tensorboard/compat/proto/event.proto").findMessageTypeByName("Event"));
    }

    /** Every record of a file, its framing and both CRCs checked. */
    static List<byte[]> records(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 12) {
                throw new AssertionError(file + ": " + b.remaining() + " stray bytes after record " + out.size());
            }
            byte[] header = new byte[8];
            b.get(header);
            long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
            int lengthCrc = b.getInt();
            if (lengthCrc != masked(header)) {
                throw new AssertionError(file + ": bad length CRC in record " + out.size());
            }
            if (length < 0 || length > b.remaining() - 4) {
                throw new AssertionError(file + ": record " + out.size() + " claims " + length + " bytes");
            }
            byte[] data = new byte[(int) length];
            b.get(data);
            if (b.getInt() != masked(data)) {
                throw new AssertionError(file + ": bad data CRC in record " + out.size());
            }
            out.add(data);
        }
        return out;
    }

    /** The masked CRC-32C of TFRecord, as the format documents it. */
    static int masked(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        long c = crc.getValue();
        long rotated = ((c >> 15) | (c << 17)) & 0xFFFFFFFFL;
        return (int) ((rotated + 0xa282ead8L) & 0xFFFFFFFFL);
    }

    List<Event> events(Path file) throws IOException {
        List<Event> out = new ArrayList<>();
        for (byte[] r : records(file)) {
            DynamicMessage m = DynamicMessage.parseFrom(eventType, r);
            Map<String, Float> scalars = new LinkedHashMap<>();
            String version = null;
            var versionField = eventType.findFieldByName("file_version");
            if (m.hasField(versionField)) {
                version = (String) m.getField(versionField);
            }
            var summaryField = eventType.findFieldByName("summary");
            if (m.hasField(summaryField)) {
                DynamicMessage summary = (DynamicMessage) m.getField(summaryField);
                var valueField = summary.getDescriptorForType().findFieldByName("value");
                for (Object o : (List<?>) summary.getField(valueField)) {
                    DynamicMessage v = (DynamicMessage) o;
                    var d = v.getDescriptorForType();
                    if (!v.hasField(d.findFieldByName("simple_value"))) {
                        throw new AssertionError("a value without simple_value in " + file);
                    }
                    scalars.put((String) v.getField(d.findFieldByName("tag")), (Float) v.getField(d.findFieldByName("simple_value")));
                }
            }
            if (!m.getUnknownFields().asMap().isEmpty()) {
                throw new AssertionError("fields event.proto does not know in " + file + ": " + m.getUnknownFields());
            }
            out.add(new Event((Long) m.getField(eventType.findFieldByName("step")),
                    (Double) m.getField(eventType.findFieldByName("wall_time")), version, scalars));
        }
        return out;
    }
}
