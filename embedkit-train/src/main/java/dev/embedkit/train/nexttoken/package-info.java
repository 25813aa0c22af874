/**
 * The chapter's model: a next-token predictor whose only token matrix is the tied table E. The previous k rows are
 * combined into h ({@link dev.embedkit.train.nexttoken.ContextCombination}), logits = h·Eᵀ are scored with a full
 * or sampled softmax ({@link dev.embedkit.train.nexttoken.FullSoftmaxLoss},
 * {@link dev.embedkit.train.nexttoken.SampledSoftmaxLoss}), and both gradients land in one dE
 * ({@link dev.embedkit.train.nexttoken.TrainingStep}). Entry points: {@link dev.embedkit.train.nexttoken.NextTokenTrainer}
 * and {@link dev.embedkit.train.nexttoken.NextTokenModel}.
 */
package dev.embedkit.train.nexttoken;
