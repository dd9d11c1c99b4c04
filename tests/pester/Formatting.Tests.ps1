# Every output type of every exported cmdlet has a table view and a list view (module/*.Format.ps1xml), so the
# default display shows the columns an admin scans for first and Format-List a curated detail view.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $discovered = Import-Module (Get-TestModulePath) -Force -PassThru
    # Our own types only: FileInfo and Boolean come with PowerShell's views.
    $typeCases = @($discovered.ExportedCmdlets.Values | ForEach-Object {
            $cmd = $_
            $cmd.OutputType | Where-Object { $_.Name -like 'BedrockCompliance.*' } | ForEach-Object { @{ Cmdlet = $cmd.Name; TypeName = $_.Name } }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
}

Describe 'Views of <TypeName> (output of <Cmdlet>)' -ForEach $typeCases {
    It 'has a table view and a list view registered' {
        $controls = @(Get-FormatData -TypeName $TypeName -PowerShellVersion $PSVersionTable.PSVersion |
            ForEach-Object FormatViewDefinition | ForEach-Object { $_.Control.GetType().Name })
        $controls | Should -Contain 'TableControl'
        $controls | Should -Contain 'ListControl'
    }
}

Describe 'Views render real objects' {
    It 'shows a licence as a table and as a list' {
        $l = Get-BedrockModelLicense -Offline -ModelId meta.llama3-1-70b-instruct-v1:0
        ($l | Format-Table | Out-String -Width 200) | Should -Match 'ModelId\s+Category\s+License'
        ($l | Format-List | Out-String -Width 200) | Should -Match 'Restrictions\s*:'
    }

    It 'shows an account context as a table and as a list' {
        $c = New-BedrockAccountContext -AccountId 123456789012 -Region us-east-1 -ExternalId ext-1
        ($c | Format-Table | Out-String -Width 200) | Should -Match 'AccountId\s+Region\s+RoleArn'
        $list = $c | Format-List | Out-String -Width 200
        $list | Should -Match 'RoleArn\s*: arn:aws:iam::123456789012:role/OrganizationAccountAccessRole'
        $list | Should -Match 'ExternalId\s*: ext-1'
        $list | Should -Match 'DurationSeconds\s*: 3600'
    }

    It 'shows a generated policy document as a list with sizes and counts' {
        $doc = Export-BedrockModelAccessPolicy -Policy (Join-Path $PSScriptRoot '../../examples/policy.json') -Type Scp -Compress
        $list = $doc | Format-List | Out-String -Width 200
        $list | Should -Match 'Size\s*: \d+ of 5120'
        $list | Should -Match 'ModelsDenied\s*: \d+'
    }
}
