namespace Flinq.Nexmark.Model;

/// <summary>A person who registered with the auction site: a seller or a bidder (Nexmark's <c>Person</c>).</summary>
/// <param name="Id">The person's id, from 1000 up, in the order people registered.</param>
/// <param name="Name">First and last name.</param>
/// <param name="EmailAddress">A random address.</param>
/// <param name="CreditCard">Four groups of four digits.</param>
/// <param name="City">One of ten US cities.</param>
/// <param name="State">One of six US states (AZ, CA, ID, OR, WA, WY).</param>
/// <param name="DateTime">Event time, epoch milliseconds.</param>
/// <param name="Extra">Padding that brings the record to about 200 bytes on average.</param>
public sealed record Person(long Id, string Name, string EmailAddress, string CreditCard, string City, string State, long DateTime, string Extra);
