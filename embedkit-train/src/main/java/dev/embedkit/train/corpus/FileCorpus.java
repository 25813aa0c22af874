package dev.embedkit.train.corpus;

import dev.embedkit.BadInputException;
import dev.embedkit.EmbedkitException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A corpus of one or more files, seen as their concatenation in sorted path order. Shard i owns bytes
 * [total·i/n, total·(i+1)/n) of it, aligned like Hadoop's line splits: a shard starting mid-line skips to the next
 * line, and a shard reads every line that starts inside its range. A .gz file cannot be entered mid-stream, so it
 * belongs whole to the shard its first byte falls in.
 */
final class FileCorpus implements Corpus {
    private final Path root;
    private final List<Path> files;
    private final long[] sizes;
    private final int maxLineBytes;
    private final AtomicLong replacedSequences = new AtomicLong();

    private FileCorpus(Path root, List<Path> files, long[] sizes, int maxLineBytes) {
        this.root = root;
        this.files = files;
        this.sizes = sizes;
        this.maxLineBytes = maxLineBytes;
    }

    static FileCorpus of(Path root, int maxLineBytes) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new EmbedkitException("cannot list corpus " + root + ": " + e.getMessage(), e);
        }
        long[] sizes = new long[files.size()];
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            try {
                sizes[i] = Files.size(files.get(i));
            } catch (IOException e) {
                throw new EmbedkitException("cannot read corpus file " + files.get(i) + ": " + e.getMessage(), e);
            }
            total += sizes[i];
        }
        if (total == 0) {
            throw new BadInputException("corpus " + root + " is empty" + (Files.isDirectory(root)
                    ? " (no non-empty files in the directory)" : ""));
        }
        return new FileCorpus(root, files, sizes, maxLineBytes);
    }

    @Override
    public String name() {
        return root.toString();
    }

    @Override
    public long replacedSequences() {
        return replacedSequences.get();
    }

    @Override
    public List<CorpusShard> shards(int count) {
        long total = 0;
        for (long size : sizes) {
            total += size;
        }
        List<CorpusShard> shards = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long from = total * i / count;
            long to = total * (i + 1) / count;
            List<Piece> pieces = new ArrayList<>();
            long fileStart = 0;
            for (int f = 0; f < files.size(); f++) {
                long fileEnd = fileStart + sizes[f];
                Path file = files.get(f);
                if (isGzip(file)) {
                    if (fileStart >= from && fileStart < to) {
                        pieces.add(new Piece(file, 0, Long.MAX_VALUE, true));
                    }
                } else if (Math.max(from, fileStart) < Math.min(to, fileEnd)) {
                    pieces.add(new Piece(file, Math.max(from, fileStart) - fileStart, Math.min(to, fileEnd) - fileStart, false));
                }
                fileStart = fileEnd;
            }
            shards.add(new Shard(List.copyOf(pieces)));
        }
        return shards;
    }

    private static boolean isGzip(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    /** Bytes [start, end) of a file: lines starting in that range (or all of a .gz file). */
    private record Piece(Path file, long start, long end, boolean gzip) {
    }

    private final class Shard implements CorpusShard {
        private final List<Piece> pieces;

        Shard(List<Piece> pieces) {
            this.pieces = pieces;
        }

        @Override
        public LineSource open() {
            return openAt(new ShardPosition(0, pieces.isEmpty() ? 0 : pieces.getFirst().start()));
        }

        @Override
        public LineSource openAt(ShardPosition position) {
            return new Reader(position);
        }

        private final class Reader implements LineSource {
            private int piece;
            private BoundedLineReader reader;

            Reader(ShardPosition from) {
                piece = from.piece();
                if (piece < pieces.size()) {
                    reader = openPiece(pieces.get(piece), from.offset());
                }
            }

            @Override
            public String nextLine() {
                try {
                    while (piece < pieces.size()) {
                        if (reader == null) {
                            reader = openPiece(pieces.get(piece), pieces.get(piece).start());
                        }
                        if (reader.midLine() || reader.position() < pieces.get(piece).end()) {
                            String line = reader.readLine();
                            if (line != null) {
                                return line;
                            }
                        }
                        reader.close();
                        reader = null;
                        piece++;
                    }
                    return null;
                } catch (IOException e) {
                    throw new EmbedkitException("cannot read corpus file " + pieces.get(piece).file() + ": "
                            + e.getMessage(), e);
                }
            }

            @Override
            public ShardPosition position() {
                if (piece >= pieces.size()) {
                    return new ShardPosition(piece, 0);
                }
                return new ShardPosition(piece, reader == null ? pieces.get(piece).start() : reader.position());
            }

            @Override
            public void close() {
                try {
                    if (reader != null) {
                        reader.close();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        /**
         * Opens a piece at {@code offset}. At the piece's own start (mid-file) it aligns to the next line; that is
         * idempotent at a line start, since the byte before a line start is '\n'.
         */
        private BoundedLineReader openPiece(Piece piece, long offset) {
            try {
                if (piece.gzip()) {
                    InputStream in = new GZIPInputStream(Files.newInputStream(piece.file()), 1 << 16);
                    in.skipNBytes(offset);
                    return new BoundedLineReader(in, offset, maxLineBytes, replacedSequences);
                }
                boolean align = offset == piece.start() && offset > 0;
                long seek = align ? offset - 1 : offset;
                FileChannel channel = FileChannel.open(piece.file());
                channel.position(seek);
                BoundedLineReader reader = new BoundedLineReader(Channels.newInputStream(channel), seek, maxLineBytes,
                        replacedSequences);
                if (align) {
                    reader.skipPastNewline();
                }
                return reader;
            } catch (IOException e) {
                throw new EmbedkitException("cannot read corpus file " + piece.file() + ": " + e.getMessage(), e);
            }
        }
    }
}
