/**
 * String model for free text and names of things (issue 15 item 3): a character n-gram model per
 * column, counted with one Spark aggregation and sampled on executors as a pure function of a
 * {@link io.lakesynth.util.RowRandom}.
 *
 * <ul>
 *   <li>{@link io.lakesynth.model.text.StringModelFitter} fits models for many columns in one Spark job
 *       (optionally each conditioned on one categorical parent column).
 *   <li>{@link io.lakesynth.model.text.StringModel} holds what was kept — transitions, lengths and word
 *       counts each held by at least k rows ({@link io.lakesynth.model.text.TextModelParams#rareThreshold()})
 *       — is Serializable and JSON, and draws strings ({@code sample}).
 *   <li>{@link io.lakesynth.model.text.StringFeatures} defines what one value contributes (pure Java).
 * </ul>
 *
 * <p>Privacy: a transition (an n-gram with the character that follows it) held by fewer than k rows
 * never reaches the driver, so a value whose n-grams are its own (a code, a unique token) cannot be
 * reproduced; a value made of common n-grams can be, at about the rate a real holdout repeats the
 * training values (measured in the tests).
 */
package io.lakesynth.model.text;
