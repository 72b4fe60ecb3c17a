/** A page that crashes while drawing shows a calm message instead of a blank window. */
import { Component, type ReactNode } from 'react';
import { Alert, Button, Text } from '@mantine/core';

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidUpdate(prev: { resetKey?: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Alert color="red" title="This screen could not be shown" role="alert" m="lg">
        <Text size="sm">{this.state.error.message}</Text>
        <Button mt="sm" size="xs" variant="white" color="red" onClick={() => this.setState({ error: null })}>
          Try again
        </Button>
      </Alert>
    );
  }
}
