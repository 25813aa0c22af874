/**
 * llama.cpp's GGUF format, read-only: {@link dev.embedkit.gguf.GgufFile} maps a file, checks its header against
 * the real length, exposes the typed metadata and tensor descriptions, and reads 2-D F32/F16/BF16 tensors in
 * place and Q8_0 ones dequantized. The model-level view (table, tokens, untied output) is in
 * {@link dev.embedkit.checkpoint}.
 */
package dev.embedkit.gguf;
