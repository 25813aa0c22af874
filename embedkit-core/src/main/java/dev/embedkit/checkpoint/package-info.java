/**
 * A language model's checkpoint as an embedding layer: {@link dev.embedkit.checkpoint.Checkpoints#open} turns a
 * Hugging Face folder (single or sharded safetensors), a bare .safetensors or a .gguf file into an
 * {@link dev.embedkit.embed.EmbeddingTable} plus the untied output matrix, if any. The token strings come from
 * the tokenizer files through {@link dev.embedkit.checkpoint.TokenizerVocabFiles}, a stand-in for the real
 * subword tokenizers.
 */
package dev.embedkit.checkpoint;
