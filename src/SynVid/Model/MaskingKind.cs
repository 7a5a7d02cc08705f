namespace SynVid.Model;

/// <summary>How masked tokens are chosen.</summary>
public enum MaskingKind
{
    /// <summary>The reference's tube masking: one spatial mask shared by every temporal slot (docs/reference-behaviour.md §4.6).</summary>
    Tube,

    /// <summary>Independent random tokens over the whole clip (VideoMAE's "random" option).</summary>
    Random,
}
