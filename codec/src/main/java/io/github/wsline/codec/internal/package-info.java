/**
 * Not API: shared by wsline's own modules; may change in any release.
 *
 * <p>Public only because Java has no visibility between "package-private" and "public" for classes that several
 * modules of one library share (the handshake module's configs use {@link io.github.wsline.codec.internal.Checks},
 * the benchmarks measure {@link io.github.wsline.codec.internal.Masking}). Applications should not use it.
 */
package io.github.wsline.codec.internal;
