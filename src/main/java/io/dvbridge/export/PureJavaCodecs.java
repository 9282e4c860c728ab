package io.dvbridge.export;

import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Parquet page compression without Hadoop and without native code: snappy from aircompressor (plain Java), or
 * none. parquet-hadoop's own codec factory needs Hadoop's compression classes, and snappy-java and zstd-jni load
 * native libraries; this factory is why neither is in the jar.
 */
final class PureJavaCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY -> new Compressor(codec);
            default -> throw new IllegalArgumentException(codec + " needs native code or Hadoop: use SNAPPY or UNCOMPRESSED");
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY -> new Decompressor(codec);
            default -> throw new IllegalArgumentException("cannot read " + codec + " pages: only SNAPPY and UNCOMPRESSED");
        };
    }

    @Override
    public void release() {
        // nothing pooled
    }

    private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            byte[] input = bytes.toByteArray();
            SnappyCompressor snappy = new SnappyCompressor();
            byte[] output = new byte[snappy.maxCompressedLength(input.length)];
            int length = snappy.compress(input, 0, input.length, output, 0, output.length);
            return BytesInput.from(output, 0, length);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            // stateless
        }
    }

    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            byte[] input = bytes.toByteArray();
            byte[] output = new byte[uncompressedSize];
            new SnappyDecompressor().decompress(input, 0, input.length, output, 0, uncompressedSize);
            return BytesInput.from(output);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(decompress(BytesInput.from(in), uncompressedSize).toByteArray());
        }

        @Override
        public void release() {
            // stateless
        }
    }
}
