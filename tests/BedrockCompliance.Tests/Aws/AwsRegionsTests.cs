using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Aws;

public class AwsRegionsTests
{
    [Theory]
    [InlineData("us-east-1", "aws", "amazonaws.com", "us")]
    [InlineData("ca-central-1", "aws", "amazonaws.com", "us")]
    [InlineData("eu-central-1", "aws", "amazonaws.com", "eu")]
    [InlineData("ap-northeast-1", "aws", "amazonaws.com", "apac")]
    [InlineData("sa-east-1", "aws", "amazonaws.com", "global")]
    [InlineData("cn-north-1", "aws-cn", "amazonaws.com.cn", "global")]
    [InlineData("us-gov-west-1", "aws-us-gov", "amazonaws.com", "us-gov")]
    [InlineData("us-iso-east-1", "aws-iso", "c2s.ic.gov", "us")]
    public void Partition_suffix_and_geography_come_from_the_sdk_table(string region, string partition, string suffix, string geo)
    {
        Assert.True(AwsRegions.IsKnown(region));
        Assert.True(AwsRegions.IsRegionName(region));
        Assert.Equal(partition, AwsRegions.PartitionOf(region));
        Assert.Equal(suffix, AwsRegions.DnsSuffixOf(region));
        Assert.Equal(geo, AwsRegions.GeoPrefixOf(region));
    }

    [Theory]
    [InlineData("us-east-9", "aws", "amazonaws.com")]
    [InlineData("cn-south-7", "aws-cn", "amazonaws.com.cn")]
    [InlineData("us-gov-north-3", "aws-us-gov", "amazonaws.com")]
    public void A_region_newer_than_the_sdk_is_a_region_name_of_its_partition_but_stays_unknown(string region, string partition, string suffix)
    {
        Assert.True(AwsRegions.IsRegionName(region));
        Assert.Equal(partition, AwsRegions.PartitionOf(region));
        Assert.Equal(suffix, AwsRegions.DnsSuffixOf(region));
        // Asking about it must not add it to the SDK's table (RegionEndpoint.GetBySystemName would).
        Assert.False(AwsRegions.IsKnown(region));
        var ex = Assert.Throws<AwsConfigurationException>(() => ConnectionResolver.ValidateRegion(region));
        Assert.Equal("UnknownRegion", ex.ErrorId);
    }

    [Theory]
    [InlineData("useast1")]
    [InlineData("US-EAST-1")]
    [InlineData("us-East-1")]
    [InlineData("Frankfurt")]
    [InlineData("mars-1")]
    [InlineData("xx-west-1")]
    [InlineData("us-east-1-regional")]
    [InlineData("aws-global")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_names_are_not_region_names(string? name)
    {
        Assert.False(AwsRegions.IsRegionName(name));
        Assert.False(AwsRegions.IsKnown(name));
    }

    [Fact]
    public void Names_are_the_known_regions_sorted_without_endpoint_variants()
    {
        var names = AwsRegions.Names();
        Assert.Contains("us-east-1", names);
        Assert.Contains("cn-north-1", names);
        Assert.DoesNotContain("us-east-1-regional", names);
        Assert.DoesNotContain("aws-global", names);
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.All(names, n => Assert.True(AwsRegions.IsRegionName(n), n));
    }
}
