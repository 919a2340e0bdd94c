package org.chemotaxis.report;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.chemotaxis.config.BadInputException;

/**
 * Why a file operation failed, in words a user acts on ("permission denied", "no space left on
 * device"), instead of a bare path that Java's file exceptions give as their message; and the
 * checks of the files a command will read or write, made before it starts.
 */
public final class FileProblems {

    private FileProblems() {
    }

    /** The reason of an I/O failure, one short phrase. */
    public static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder" + (n.getFile() != null ? ": " + n.getFile() : "");
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is a file, not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it exists already";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** A file that is read: it must exist, be a regular file and be readable. */
    public static void requireReadableFile(Path file, String what) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            throw new BadInputException(what + " not found: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(what + " " + file + " is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(what + " " + file + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException("cannot read " + what + " " + file + ": permission denied");
        }
    }

    /** A file that will be replaced or appended to: absent, or a regular file that can be written. */
    public static void requireWritableOrAbsent(Path file, String what) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(what + " " + file + " is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(what + " " + file + " is not a regular file");
        }
        if (!Files.isWritable(file)) {
            throw new BadInputException("cannot write " + what + " " + file + ": permission denied");
        }
    }
}
