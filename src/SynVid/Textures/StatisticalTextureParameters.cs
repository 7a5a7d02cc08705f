namespace SynVid.Textures;

/// <summary>The sampled models of one statistical texture; a model is null when its constraint is off.</summary>
public sealed record StatisticalTextureParameters(ColourModel Colour, SpectrumModel? Spectrum, WaveletMarginalModel? Wavelets);
